// Intake as a write request commits it, on both engines side by side: services.incidents.create (the incident
// and its change-feed event, one transaction) and then the request's audit row (store.audit.append, what
// api/auth/audit.ts does before the response is sent). One caller, then 16 and 32 concurrent callers (as many
// clients posting to one server): PostgreSQL shares a WAL flush among commits only when they are concurrent.
// Fresh, small stores (a scratch SQLite file, a fresh PostgreSQL database): commit cost, not index depth.
//   BENCH_PG_URL=postgres://postgres@127.0.0.1:PORT/db npx tsx bench/intake-audited.ts [rows]   (PG_ONLY=1: skip SQLite)
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { createApp } from '../api/app'
import { loadRegions } from '../api/services/regions'
import { openStore } from '../api/store'
import type { Store } from '../api/store'
import { incidentInputs } from './inputs'

const ROWS = Number(process.argv[2] ?? 2000)
const CALLERS = [1, 16, 32]

async function run(store: Store, label: string) {
  const regions = loadRegions()
  const now = Date.now()
  const { services, bus } = await createApp({ regions, store, now: () => now })
  const inputs = incidentInputs((CALLERS.length + 1) * ROWS, `intake-audited:${label}`)
  let next = 0
  const request = async (input: (typeof inputs)[number]) => {
    const row = await services.incidents.create(input)
    await store.audit.append({ at: Date.now(), actor: 'bench', actorKind: 'user', role: 'county', method: 'POST', path: '/api/incidents',
      target: `/api/incidents/${(row as { id: number }).id}`, detail: null, status: 201, remote: '127.0.0.1' })
  }
  const round = async (callers: number, rows: number) => {
    const queue = inputs.slice(next, (next += rows))
    const t0 = performance.now()
    await Promise.all(Array.from({ length: callers }, async () => { for (let i = queue.pop(); i; i = queue.pop()) await request(i) }))
    return rows / ((performance.now() - t0) / 1000)
  }
  await round(8, Math.min(300, ROWS)) // warm-up
  const out: Record<string, number> = {}
  for (const c of CALLERS) out[`${c} caller${c > 1 ? 's' : ''}`] = Math.round(await round(c, c === 1 ? Math.min(ROWS, 500) : ROWS))
  await bus.notify()
  const chain = await store.audit.verify()
  return { ...out, auditRows: chain.rows, chainBroken: chain.broken }
}

const dir = mkdtempSync(join(tmpdir(), 'intake-audited-'))
try {
  if (!process.env.PG_ONLY) {
  const lite = await openStore(join(dir, 'bench.db'))
  try { console.log('sqlite  ', JSON.stringify(await run(lite, 'sqlite')), 'load', loadavg().map((l) => l.toFixed(1)).join(' ')) } finally { await lite.close() }
  }
  const url = process.env.BENCH_PG_URL
  if (url) {
    const pg = await openStore(url)
    try { console.log('postgres', JSON.stringify(await run(pg, 'postgres')), 'load', loadavg().map((l) => l.toFixed(1)).join(' ')) } finally { await pg.close() }
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
