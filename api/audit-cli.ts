// `npm run audit -- <command>`: the audit log of the server's database (DB_PATH, default data/onemap.db).
//
//   verify                      prints the row count, the first and last id, then "chain intact" (exit 0) or the
//                               first row that does not verify and why (exit 1)
//   prune --before YYYY-MM-DD   removes the rows written before that day, at least 180 days ago; audited itself
//
// Safe while the server runs: verify reads one snapshot; prune is one transaction. See docs/audit.md.
import { auditCommand } from './audit-commands'
import { openStore } from './store'

const store = openStore(process.env.DB_PATH || 'data/onemap.db')
try {
  process.exitCode = auditCommand(process.argv.slice(2), store, Date.now(), { out: console.log, err: console.error })
} finally {
  store.close()
}
