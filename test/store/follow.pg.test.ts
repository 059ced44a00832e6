// Two API processes over one PostgreSQL: a write committed through one reaches the other's live clients and
// clears the other's memo of figures, through the change feed's announcement (NOTIFY) — also after the
// listening connection was lost, including what was committed while it was down.
import { setTimeout as sleep } from 'node:timers/promises'
import postgres from 'postgres'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createApp } from '../../api/app'
import { loadRegions } from '../../api/services/regions'
import { openStore } from '../../api/store'
import type { Store } from '../../api/store'
import type { StoredEvent } from '../../api/services/event-bus'
import { freshStorePlace } from '../support/engine'
import type { StorePlace } from '../support/engine'
import { T0 } from '../support/app'

type App = Awaited<ReturnType<typeof createApp>>
let place: StorePlace
let stores: Store[]
let a: App
let b: App
const regions = loadRegions()
const now = () => T0
/** A point in 罗阳镇. */
const LUOYANG_WGS84 = { lng: 119.708034, lat: 27.559551, crs: 'wgs84' as const }

beforeAll(async () => {
  place = await freshStorePlace('postgres')
  stores = [await openStore(place.location), await openStore(place.location)]
  a = await createApp({ regions, store: stores[0]!, now })
  b = await createApp({ regions, store: stores[1]!, now })
  b.bus.subscribe((ev) => heard.push(ev))
})
afterAll(async () => {
  for (const s of stores) await s.close()
  await place.drop()
})

const report = () => a.services.incidents.create({ type: 'road-occupation', severity: 'normal', source: 'patrol', point: LUOYANG_WGS84, description: '占道经营' })

/** Everything B's bus delivers, as it arrives (B may hear of a write before A's call has returned). */
const heard: StoredEvent[] = []

/** The event B's bus delivered for the incident `id`, waiting up to `ms` for it. */
async function heardByB(id: number, ms = 5_000): Promise<StoredEvent> {
  for (const until = Date.now() + ms; Date.now() < until; await sleep(20)) {
    const ev = heard.find((e) => e.entityId === id)
    if (ev) return ev
  }
  throw new Error(`B heard nothing of incident ${id} in ${ms} ms`)
}

test('an incident created through A reaches B\'s live feed, and B\'s figures count it', async () => {
  const count = async () => (await b.services.metrics.summary({ scope: '330329', range: { from: T0 - 86_400_000, to: T0 + 1 }, filter: {} })).metrics
  const before = await count()
  const ev = await heardByB((await report()).id)
  expect(ev.kind).toBe('incident.created')
  expect(await count()).not.toEqual(before)
})

test('after B\'s listening connection is killed, B catches up on what was committed meanwhile and keeps hearing', async () => {
  const admin = postgres(place.location, { max: 1, onnotice: () => {} })
  try {
    await admin`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'onemap-follow' AND datname = current_database()`
  } finally {
    await admin.end()
  }
  // Committed while nobody listens (B's LISTEN is being re-made).
  await heardByB((await report()).id, 10_000)
  for (let i = 0; i < 100 && !stores[1]!.followingOthers; i++) await sleep(50)
  expect(stores[1]!.followingOthers).toBe(true)
  expect((await heardByB((await report()).id)).kind).toBe('incident.created')
}, 20_000)
