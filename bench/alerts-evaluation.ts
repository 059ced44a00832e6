// How long a full evaluation of the warning rules takes on a seeded database, rule by rule, and what it raised:
// `node --import tsx bench/alerts-evaluation.ts <SQLite path or postgres:// URL> [runs]`. The first run raises the
// alerts; the later ones find the same conditions again (the steady state, once a minute on a server).
import { createApp } from '../api/app'
import { loadRegions } from '../api/services/regions'
import { openStore } from '../api/store'

const [location, runs = '3'] = process.argv.slice(2)
if (!location) throw new Error('usage: bench/alerts-evaluation.ts <SQLite path or postgres:// URL> [runs]')
const store = await openStore(location)
const app = await createApp({ regions: loadRegions(), store })
for (let i = 0; i < Number(runs); i++) {
  const r = await app.services.alerts.evaluator.full(Date.now())
  const rules = Object.entries(r.rules).map(([id, x]) => `${id} ${x.ms} ms (${x.findings} found: ${x.raised} raised, ${x.updated} updated, ${x.seen} seen)`)
  console.log(`run ${i + 1}: ${r.ms} ms — ${rules.join('; ')}; ${r.cleared} cleared`)
}
console.table(await store.sql.all('SELECT rule, level, count(*) AS alerts FROM alerts WHERE status = \'new\' GROUP BY rule, level ORDER BY rule, level'))
await store.close()
