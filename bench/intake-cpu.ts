// Where one intake's time goes on PostgreSQL: `node --import tsx bench/intake-cpu.ts <postgres://… server URL> [n]`
// makes a scratch database `intake_cpu` on that server (dropped first if it exists; pg_stat_statements must be in
// shared_preload_libraries), reports 500 incidents to warm up, then `n` (default 2,000) one per transaction, one
// after another through the service, as POST /api/incidents does. Prints wall time and this process's CPU per
// incident, and pg_stat_statements' execution time per incident for each statement the intake ran. Run it under
// `node --cpu-prof` to see the process's side by function.
import postgres from 'postgres'
import { createApp } from '../api/app'
import { loadRegions } from '../api/services/regions'
import { openStore } from '../api/store'
import { incidentInputs } from './inputs'

const [server, nArg = '2000'] = process.argv.slice(2)
if (!server?.startsWith('postgres://')) throw new Error('usage: bench/intake-cpu.ts <postgres:// URL of a server> [incidents]')
const N = Number(nArg)
const WARM_UP = 500
const urlOf = (database: string) => { const u = new URL(server); u.pathname = `/${database}`; return u.toString() }

const admin = postgres(urlOf('postgres'), { max: 1, onnotice: () => {} })
await admin.unsafe('DROP DATABASE IF EXISTS intake_cpu')
await admin.unsafe('CREATE DATABASE intake_cpu')
const store = await openStore(urlOf('intake_cpu'))
const stats = postgres(urlOf('intake_cpu'), { max: 1, onnotice: () => {} })
try {
  await stats.unsafe('CREATE EXTENSION IF NOT EXISTS pg_stat_statements')
  const { services, bus } = await createApp({ regions: loadRegions(), store, now: () => Date.now() })
  const inputs = incidentInputs(WARM_UP + N, 'intake-cpu')
  for (const input of inputs.slice(0, WARM_UP)) await services.incidents.create(input)
  await stats.unsafe('SELECT pg_stat_statements_reset()')
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  for (const input of inputs.slice(WARM_UP)) await services.incidents.create(input)
  const wallMs = performance.now() - t0
  const cpu = process.cpuUsage(cpu0)
  await bus.notify()
  console.log(`${N} incidents one per transaction: wall ${(wallMs / N).toFixed(2)} ms, this process's CPU ${((cpu.user + cpu.system) / 1000 / N).toFixed(2)} ms per incident`)
  const rows = await stats.unsafe<{ calls: string; ms: string; query: string }[]>(`SELECT calls, round((total_exec_time / ${N})::numeric, 3) AS ms,
    left(regexp_replace(query, '\\s+', ' ', 'g'), 100) AS query FROM pg_stat_statements WHERE calls >= ${N / 2} ORDER BY total_exec_time DESC`)
  console.log('calls  exec ms per incident  statement')
  for (const r of rows) console.log(`${String(r.calls).padStart(5)}  ${String(r.ms).padStart(20)}  ${r.query}`)
} finally {
  await store.close()
  await stats.end()
  await admin.unsafe('DROP DATABASE IF EXISTS intake_cpu WITH (FORCE)').catch(() => {})
  await admin.end()
}
