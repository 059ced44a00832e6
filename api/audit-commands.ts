// The commands behind `npm run audit -- …` (api/audit-cli.ts), apart from the process so tests run them in place.
//
//   verify                      checks the whole hash chain; exit 1 at the first row that does not verify
//   prune --before YYYY-MM-DD   removes the rows written before that day (UTC+8), never one less than 180 days old
import { parseArgs } from 'node:util'
import { localDate } from '../domain/calendar'
import { DAY } from '../domain/time'
import { cliEntry } from './auth/audit'
import { ApiError } from './errors'
import { parseInstant } from './http/query'
import type { Store } from './store'

/** Audit rows are kept at least this long; nothing prunes them by itself. */
export const AUDIT_KEEP_DAYS = 180

export const AUDIT_USAGE = `usage: npm run audit -- verify
       npm run audit -- prune --before YYYY-MM-DD   (at least ${AUDIT_KEEP_DAYS} days ago)
DB_PATH selects the database (default data/onemap.db).`

export interface Output { out: (line: string) => void; err: (line: string) => void }

const rows = (n: number) => `${n} row${n === 1 ? '' : 's'}`

async function verify(store: Store, io: Output): Promise<number> {
  const r = await store.audit.verify()
  const anchor = await store.audit.anchor()
  const start = anchor ? `, after the prune anchor (row ${anchor.lastId})` : ''
  io.out(`${rows(r.rows)}${r.firstId === null ? '' : `, ids ${r.firstId}–${r.lastId ?? r.firstId}`}${start}`)
  const open = (await store.audit.pending()).length
  if (open) io.out(`${open} summar${open === 1 ? 'y' : 'ies'} of refused anonymous writes not chained yet (chained with the next row after its minute)`)
  if (r.broken) {
    io.err(`chain broken at row ${r.broken.id}: ${r.broken.reason}`)
    return 1
  }
  if (r.lastHash) io.out(`last row ${r.lastId}, hash ${r.lastHash} (keep this line elsewhere: a later verify must still reach it)`)
  io.out('chain intact')
  return 0
}

async function prune(store: Store, before: string | undefined, now: number, io: Output): Promise<number> {
  if (!before || !/^\d{4}-\d{2}-\d{2}$/.test(before)) throw new ApiError(400, 'usage', `--before YYYY-MM-DD is required\n${AUDIT_USAGE}`)
  const cutoff = parseInstant(before, '--before')
  const latest = localDate(now - AUDIT_KEEP_DAYS * DAY)
  if (before > latest) {
    throw new ApiError(422, 'too_recent', `refusing to prune: ${before} is less than ${AUDIT_KEEP_DAYS} days ago; audit rows are kept at least ${AUDIT_KEEP_DAYS} days (the latest --before allowed today is ${latest})`)
  }
  const command = `npm run audit -- prune --before ${before}`
  let through: number | null = null
  const removed = await store.audit.prune(cutoff, now, (n, lastId) => {
    through = lastId
    return cliEntry(command, null, `removed ${rows(n)} written before ${before}${lastId === null ? '' : ` (ids up to ${lastId}); the chain continues from row ${lastId}'s hash`}`, now)
  })
  io.out(`removed ${rows(removed)} of the audit log written before ${before}${through === null ? '' : ` (ids up to ${through}); the chain now starts after row ${through}`}`)
  return 0
}

export async function auditCommand(argv: string[], store: Store, now: number, io: Output): Promise<number> {
  const [command, ...rest] = argv
  try {
    const { values } = parseArgs({ args: rest, strict: true, options: { before: { type: 'string' } } })
    if (command === 'verify') return await verify(store, io)
    if (command === 'prune') return await prune(store, values.before, now, io)
  } catch (err) {
    if (err instanceof ApiError) { io.err(err.message); return 1 }
    if ((err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) { io.err(`${(err as Error).message}\n${AUDIT_USAGE}`); return 2 }
    throw err
  }
  io.err(AUDIT_USAGE)
  return 2
}
