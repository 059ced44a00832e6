// What asOf costs: the county summary, the grid choropleth and the first incident page as they stand now (the
// default) against as they stood 1 hour, 1 day, 7 and 30 days earlier, through the real app. Every request is cold:
// an empty commit before it clears the summary memo and the rebuilt incidents (both are cleared by any write), so
// a past figure pays for reading the incidents changed since and replaying their history. Also prints how many
// incidents each instant rebuilds. Not a timed test.
//
//   npm run seed -- --preset demo --db /tmp/asof-bench/demo.db
//   node --import tsx bench/as-of.ts --db /tmp/asof-bench/demo.db [--runs 20]
import { parseArgs } from 'node:util'
import { createApp } from '../api/app'
import { loadRegions } from '../api/services/regions'
import { openStore } from '../api/store'

const HOUR = 3_600_000
const DAY = 24 * HOUR

async function main() {
  const { values } = parseArgs({ options: { db: { type: 'string' }, runs: { type: 'string' } } })
  const store = await openStore(values.db ?? '/tmp/asof-bench/demo.db')
  const runs = Number(values.runs ?? 20)
  // The data's own now: the latest change stored, so "1 hour ago" has changes after it as a live county would.
  const now = (await store.sql.get<{ t: number }>('SELECT max(updated_at) AS t FROM incidents'))!.t + 1
  const { app, accounts } = await createApp({ regions: loadRegions(), store, now: () => now })
  const auth = { Authorization: `Bearer ${(await accounts.createToken({ name: 'bench as-of leader', role: 'leader' }, null)).secret}` }
  const incidents = (await store.sql.get<{ n: number }>('SELECT count(*) AS n FROM incidents'))!.n
  console.log(`${values.db}: ${incidents} incidents, now ${new Date(now).toISOString()}`)

  const paths = {
    'summary county (30 d)': '/api/metrics/summary',
    'choropleth grid overdue': '/api/metrics/choropleth?level=grid&metric=overdue',
    'incidents page 1 (5000)': '/api/incidents?limit=5000&fields=map',
  }
  const instants: [string, number | null][] = [['now (default)', null], ['1 h ago', now - HOUR], ['1 d ago', now - DAY], ['7 d ago', now - 7 * DAY], ['30 d ago', now - 30 * DAY]]
  const rows = []
  for (const [label, asOf] of instants) {
    const rebuilt = asOf === null ? 0 : (await store.asOf.changedSince(asOf)).length
    for (const [name, path] of Object.entries(paths)) {
      const url = asOf === null ? path : `${path}${path.includes('?') ? '&' : '?'}asOf=${asOf}`
      const times: number[] = []
      for (let i = 0; i < runs + 2; i++) {
        await store.transaction(async () => undefined)
        const t0 = performance.now()
        const res = await app.request(url, { headers: auth })
        await res.text()
        if (res.status !== 200) throw new Error(`${url}: ${res.status}`)
        if (i >= 2) times.push(performance.now() - t0)
      }
      times.sort((a, b) => a - b)
      const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(1)
      rows.push({ asOf: label, case: name, 'rebuilt incidents': rebuilt, 'p50 ms': q(0.5), 'p95 ms': q(0.95) })
    }
  }
  console.table(rows)
  await store.close()
}

if (import.meta.url === `file://${process.argv[1]}`) await main()
