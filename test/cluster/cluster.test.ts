// The cluster of `npm run cluster` (scripts/cluster/): a seeded primary, a streaming standby, three API replicas
// behind HAProxy. Started once with a small demo data set; needs Debian's PostgreSQL 15 + PostGIS and HAProxy
// (.ci/run installs them) and the built SPA (the suite's global setup builds it). Slow (a minute or two on the shared
// machine) but bounded: every wait has a deadline.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { killAndWatch } from '../../scripts/cluster/failover'
import { serverStates } from '../../scripts/cluster/haproxy'
import { replication, serveCluster } from '../../scripts/cluster/serve'
import type { ServingCluster } from '../../scripts/cluster/serve'
import { readState } from '../../scripts/cluster/state'
import { portIsFree } from '../../scripts/pg-cluster'
import { freePort, signIn } from '../support/server'
import { sseReader } from '../support/sse'

const LUOYANG = { lng: 119.708034, lat: 27.559551 }

describe('the cluster: PostgreSQL with a standby, three replicas, HAProxy', () => {
  let cluster: ServingCluster
  let dir: string

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'onemap-cluster-test-'))
    cluster = await serveCluster({
      dir, port: await freePort(), replicas: 3, preset: 'demo', incidents: 2_000,
      env: { ...process.env, SIMULATE: '0', NODE_ENV: 'production' },
    })
  }, 300_000)

  afterAll(async () => {
    const { primary, standby, replicas, url } = cluster ?? {}
    await cluster?.stop()
    if (cluster) {
      // Nothing is left: no state file, no PostgreSQL directory, no process, no port.
      expect(readState(dir)).toBeNull()
      expect(existsSync(primary!.dir) || existsSync(standby!.dir)).toBe(false)
      for (const r of replicas!) expect(r.child!.exitCode !== null || r.child!.signalCode !== null).toBe(true)
      expect(await portIsFree(Number(new URL(url!).port))).toBe(true)
    }
    rmSync(dir, { recursive: true, force: true })
  }, 120_000)

  it('serves the API and the dashboard through HAProxy, every replica UP, the standby streaming', async () => {
    const health = await fetch(`${cluster.url}/api/health`)
    expect(health.status).toBe(200)
    expect(await health.json()).toMatchObject({ status: 'ok' })
    const page = await fetch(`${cluster.url}/`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<div id="app"')
    const cookie = await signIn(cluster.url, 'leader')
    const summary = await fetch(`${cluster.url}/api/metrics/summary`, { headers: { Cookie: cookie } })
    expect(summary.status).toBe(200)
    expect((await summary.json() as { metrics: { reports: number } }).metrics.reports).toBeGreaterThan(0)

    const states = await serverStates(cluster.haproxySocket)
    expect([...states]).toEqual([['api1', 'UP'], ['api2', 'UP'], ['api3', 'UP']])
    expect(await replication(cluster.primary.url)).toEqual([expect.objectContaining({ name: 'onemap_standby', state: 'streaming' })])
  })

  it('delivers a write made through any replica to an event stream held through HAProxy', async () => {
    const stream = await fetch(`${cluster.url}/api/stream`, { headers: { Cookie: await signIn(cluster.url, 'leader') } })
    expect(stream.status).toBe(200)
    const reader = sseReader(stream)
    try {
      expect((await reader.until((t) => t.includes('event: ready'), 20_000)).text).toContain('event: ready')
      const ids: number[] = []
      for (const replica of cluster.replicas) {
        const cookie = await signIn(replica.url, 'luoyang')
        const res = await fetch(`${replica.url}/api/incidents`, {
          method: 'POST', headers: { Cookie: cookie, 'Content-Type': 'application/json' },
          body: JSON.stringify({ type: 'road-occupation', point: LUOYANG, description: `through ${replica.name}`, source: 'patrol' }),
        })
        expect(res.status).toBe(201)
        ids.push((await res.json() as { id: number }).id)
      }
      const seen = (text: string) => ids.every((id) => text.includes(`"id":${id},`))
      expect(seen((await reader.until(seen, 30_000)).text)).toBe(true)
    } finally {
      await reader.cancel()
    }
  })

  it('reads figures from the standby; a client reads its own write through another replica', async () => {
    // What the standby has returned to queries in the demo's database (its own statistics: only its reads count).
    const standbyDb = postgres(cluster.standby.url.replace(/\/postgres$/, '/onemap'), { max: 1, onnotice: () => {} })
    const returned = async () => Number((await standbyDb`SELECT tup_returned + tup_fetched AS n FROM pg_stat_database WHERE datname = 'onemap'`)[0]!.n)
    try {
      const cookie = await signIn(cluster.url, 'leader')
      const before = await returned()
      for (let i = 0; i < 3; i++) {
        expect((await fetch(`${cluster.url}/api/incidents?limit=50&fields=map`, { headers: { Cookie: cookie } })).status).toBe(200)
      }
      // Statistics reach the view within the stats collector's flush (about a second).
      await expect.poll(returned, { timeout: 10_000 }).toBeGreaterThan(before)

      const [writer, reader] = [cluster.replicas[0]!, cluster.replicas[2]!]
      const officer = await signIn(writer.url, 'luoyang')
      const res = await fetch(`${writer.url}/api/incidents`, {
        method: 'POST', headers: { Cookie: officer, 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 'road-occupation', point: LUOYANG, description: 'read your writes', source: 'patrol' }),
      })
      expect(res.status).toBe(201)
      const wal = res.headers.getSetCookie().find((c) => c.startsWith('onemap_wal='))!.split(';')[0]!
      const { id } = await res.json() as { id: number }
      const again = await fetch(`${reader.url}/api/incidents/${id}`, { headers: { Cookie: `${officer}; ${wal}` } })
      expect(again.status).toBe(200)
    } finally {
      await standbyDb.end({ timeout: 1 })
    }
  })

  it('a primary that crashes and returns: writes meanwhile get 503 with Retry-After, no other 5xx; writes resume within 10 s; none acknowledged is lost', async () => {
    const officer = await signIn(cluster.url, 'luoyang')
    const acked: number[] = []
    const statuses: Record<number, number> = {}
    const wrong: string[] = []
    let writing = true
    const write = async () => {
      const res = await fetch(`${cluster.url}/api/incidents`, {
        method: 'POST', headers: { Cookie: officer, 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 'road-occupation', point: LUOYANG, description: 'during a primary restart', source: 'patrol' }),
        signal: AbortSignal.timeout(15_000),
      })
      statuses[res.status] = (statuses[res.status] ?? 0) + 1
      if (res.status === 201) acked.push((await res.json() as { id: number }).id)
      else if (res.status !== 503 || res.headers.get('Retry-After') === null) wrong.push(`${res.status} ${await res.text()}`)
      else await res.arrayBuffer()
    }
    const writer = (async () => {
      while (writing) {
        await write().catch((err: unknown) => wrong.push(String(err)))
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    })()
    try {
      await expect.poll(() => acked.length, { timeout: 10_000 }).toBeGreaterThan(0)
      await cluster.primary.restart(3_000)
      const before = acked.length
      const back = performance.now()
      await expect.poll(() => acked.length, { timeout: 10_000 }).toBeGreaterThan(before)
      console.log(`primary back: first write acknowledged again after ${Math.round(performance.now() - back)} ms; answers ${JSON.stringify(statuses)}`)
    } finally {
      writing = false
      await writer
    }
    expect(wrong).toEqual([])
    expect(statuses[503]).toBeGreaterThan(0)
    for (const id of acked) expect((await fetch(`${cluster.url}/api/incidents/${id}`, { headers: { Cookie: officer } })).status, `incident ${id}`).toBe(200)
  }, 120_000)

  it('takes a killed replica out of rotation, restarts it, and keeps answering meanwhile', async () => {
    const replica = cluster.replicas[1]!
    const figures = await killAndWatch({
      url: cluster.url, socket: cluster.haproxySocket, name: replica.name, port: replica.port, pid: () => replica.pid,
    }, { clients: 4, timeoutMs: 150_000 })
    expect(figures.newPid).not.toBe(figures.killedPid)
    expect(replica.restarts).toBe(1)
    // Out within the health check's two failed rounds of a second each, with room for a crowded machine.
    expect(figures.outOfRotationMs).toBeGreaterThanOrEqual(0)
    expect(figures.outOfRotationMs).toBeLessThan(5_000)
    expect(figures.restartedMs).toBeLessThan(5_000)
    expect(figures.requests).toBeGreaterThan(20)
    expect(figures.failedAfterKill, figures.failures.join('; ')).toBe(0)
    expect(figures.failed).toBeLessThanOrEqual(4)
    expect((await serverStates(cluster.haproxySocket)).get(replica.name)).toBe('UP')
    expect((await fetch(`${replica.url}/api/health`)).status).toBe(200)
  }, 180_000)
})
