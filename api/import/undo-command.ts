// `npm run import -- undo BATCH [--partial]` apart from the process, so tests run it in place.
import { parseArgs } from 'node:util'
import type { Store } from '../store'
import type { UndoReport } from './batches'
import { importBatches } from './batches'
import type { Output } from './records/command'

export const UNDO_USAGE = `usage: npm run import -- undo BATCH [--partial]
  takes a records import back: removes what it added, restores what it changed. A record that has moved on since
  (changed in the app or by a later import, removed, or referred to by later records) refuses the undo, with the
  reason for each; --partial takes back the others and leaves those (undo again once their cause is gone).
  npm run import -- undo --list   the latest batches`

export async function undoCommand(argv: string[], deps: { store: Store; now: number; io: Output }): Promise<{ code: number; report?: UndoReport }> {
  const { io, store } = deps
  let parsed
  try {
    parsed = parseArgs({ args: argv, strict: true, allowPositionals: true, options: { partial: { type: 'boolean' }, list: { type: 'boolean' }, help: { type: 'boolean' } } })
  } catch (err) {
    io.err(`${(err as Error).message}\n${UNDO_USAGE}`)
    return { code: 2 }
  }
  const { values, positionals } = parsed
  if (values.help) { io.out(UNDO_USAGE); return { code: 0 } }
  const batches = importBatches(store)
  if (values.list) {
    for (const b of await batches.list()) {
      io.out([b.id, b.kind, new Date(b.startedAt).toISOString(), `+${b.added} ~${b.changed} =${b.unchanged} x${b.rejected}`, b.undoneAt ? `undone ${new Date(b.undoneAt).toISOString()}` : '', b.source].join('\t'))
    }
    return { code: 0 }
  }
  const id = Number(positionals[0])
  if (positionals.length !== 1 || !Number.isSafeInteger(id) || id <= 0) { io.err(UNDO_USAGE); return { code: 2 } }
  const report = await batches.undo(id, { at: deps.now, command: `npm run import -- undo ${argv.join(' ')}`, partial: values.partial ?? false })
  if (!report) { io.err(`no import batch ${id} (npm run import -- undo --list shows the latest)`); return { code: 1 } }
  for (const r of report.refused) io.err(`${r.table} ${r.recordId}: ${r.reason}`)
  if (!report.done && !values.partial) {
    io.err(`batch ${id} not undone: ${report.refused.length} record${report.refused.length === 1 ? ' has' : 's have'} moved on since (listed above); nothing was changed. --partial takes back the others`)
    return { code: 1, report }
  }
  io.out(`batch ${id}: removed ${report.removed}, restored ${report.restored}${report.refused.length ? `, left ${report.refused.length} that moved on (listed above)` : ''}`)
  return { code: report.refused.length ? 1 : 0, report }
}
