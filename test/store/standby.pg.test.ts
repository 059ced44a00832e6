// Reads from a hot standby (DATABASE_READ_URL): a real primary and a real streaming standby of it. The read routes
// read from the standby (with its replay paused, a record written since is not there for a stranger), a client
// reads its own writes all the same (the write's WAL position sends its next read to the primary), and a standby
// that stops is set aside: reads answer from the primary, none fails.
import postgres from 'postgres'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createApp } from '../../api/app'
import { loadRegions } from '../../api/services/regions'
import { openStore } from '../../api/store'
import type { Store } from '../../api/store'
import { WAL_HEADER } from '../../api/http/read-your-writes'
import { startCluster, startStandby } from '../../scripts/pg-cluster'
import type { Cluster } from '../../scripts/pg-cluster'
import { T0 } from '../support/app'

let primary: Cluster
let standby: Cluster
let store: Store
let onStandby: postgres.Sql
let app: Awaited<ReturnType<typeof createApp>>['app']
let auth: Record<string, string>

beforeAll(async () => {
  primary = await startCluster({ fast: true })
  const url = await primary.createDatabase('onemap')
  // The schema first, then the standby: it receives everything after as replayed WAL.
  await (await openStore(url)).close()
  standby = await startStandby(primary)
  const standbyUrl = standby.url.replace(/\/postgres$/, '/onemap')
  store = await openStore(url, { readLocation: standbyUrl })
  const made = await createApp({ regions: loadRegions(), store, now: () => T0 })
  app = made.app
  const { secret } = await made.accounts.createToken({ name: 'standby test', role: 'leader', township: null, grids: [], department: null }, null)
  auth = { Authorization: `Bearer ${secret}` }
  onStandby = postgres(standbyUrl, { max: 1, onnotice: () => {} })
}, 120_000)
afterAll(async () => {
  await onStandby?.end({ timeout: 1 })
  await store?.close()
  await standby?.stop()
  await primary?.stop()
})

/**
 * Pauses the standby's replay and waits until it has really stopped: a pause is only requested until the standby
 * meets the next WAL record, so the primary writes one (a transaction id) until the standby says it is paused.
 */
async function pausedReplay() {
  await onStandby`SELECT pg_wal_replay_pause()`
  if (store.native.engine !== 'postgres') throw new Error('a PostgreSQL store')
  const primaryClient = store.native.client
  await expect.poll(async () => {
    await primaryClient`SELECT txid_current()`
    return (await onStandby`SELECT pg_get_wal_replay_pause_state() AS state`)[0]!.state
  }, { timeout: 20_000, interval: 100 }).toBe('paused')
}

const report = () => app.request('/api/incidents', {
  method: 'POST', headers: { 'Content-Type': 'application/json', ...auth },
  body: JSON.stringify({ type: 'road-occupation', severity: 'normal', source: 'patrol', point: { lng: 119.708034, lat: 27.559551 }, description: '备库测试：占道经营' }),
})
const read = (id: number, wal?: string) => app.request(`/api/incidents/${id}`, { headers: { ...auth, ...(wal ? { [WAL_HEADER]: wal } : {}) } })

test('a read route reads from the standby; the writer reads its own write from the primary meanwhile', async () => {
  // A standby that has just started may refuse the first statements (still reaching a consistent state): it is
  // then set aside for a few seconds and reads go to the primary, which this test would take for a failure.
  await expect.poll(() => store.standby!.caughtUp(500), { timeout: 30_000, interval: 200 }).toBe(true)
  await pausedReplay()
  try {
    const res = await report()
    expect(res.status, await res.clone().text()).toBe(201)
    const { id } = (await res.json()) as { id: number }
    const wal = res.headers.get(WAL_HEADER)
    expect(wal).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/)
    // Someone without the write's position reads the standby, which has not replayed it.
    expect((await read(id)).status).toBe(404)
    // The writer brings its position: the standby is behind it, so the primary answers.
    expect((await read(id, wal!)).status).toBe(200)
    await onStandby`SELECT pg_wal_replay_resume()`
    await expect.poll(async () => (await read(id)).status, { timeout: 10_000 }).toBe(200)
    expect((await read(id, wal!)).status).toBe(200)
  } finally {
    await onStandby`SELECT pg_wal_replay_resume()`.catch(() => {})
  }
}, 60_000)

test('a standby that stops is set aside: every read answers, from the primary', async () => {
  const res = await report()
  const { id } = (await res.json()) as { id: number }
  await onStandby.end({ timeout: 1 })
  await standby.stop()
  expect(store.standby?.up).toBe(true)
  for (let i = 0; i < 5; i++) {
    const got = await read(id)
    expect(got.status, await got.clone().text()).toBe(200)
  }
  expect(store.standby?.up).toBe(false)
  const summary = await app.request('/api/metrics/summary?scope=330329', { headers: auth })
  expect(summary.status).toBe(200)
}, 60_000)
