// `npm run audit -- <command>`: the audit log of the server's database (DATABASE_URL, or DB_PATH, default
// data/onemap.db).
//
//   verify                      prints the row count, the first and last id, then "chain intact" (exit 0) or the
//                               first row that does not verify and why (exit 1)
//   prune --before YYYY-MM-DD   removes the rows written before that day, at least 180 days ago; audited itself
//
// Safe while the server runs: verify reads one snapshot; prune is one transaction. See docs/audit.md.
import { auditCommand } from './audit-commands'
import { openCliStore } from './cli-store'

const store = await openCliStore()
try {
  process.exitCode = await auditCommand(process.argv.slice(2), store, Date.now(), { out: console.log, err: console.error })
} finally {
  await store.close()
}
