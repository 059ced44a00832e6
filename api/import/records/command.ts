// `npm run import -- records …` apart from the process, so tests run it in place with their own store and output.
import { parseArgs } from 'node:util'
import { CRS_IDS } from '../../../domain/crs'
import type { Crs } from '../../../domain/crs'
import type { LocatorAt } from './kind'
import type { Store } from '../../store'
import { parseMapOption } from './column-map'
import { RECORD_KINDS } from './kinds'
import { progressReporter } from './progress'
import type { ImportReport } from './run'
import { importRecords } from './run'

export const RECORDS_USAGE = `usage: npm run import -- records --kind ${Object.keys(RECORD_KINDS).join('|')} --file F.csv|F.xlsx
         [--map 列名=field,…] [--crs ${CRS_IDS.join('|')}] [--dry-run]
fields (a header with a field's name needs no --map):
${Object.values(RECORD_KINDS).map((k) => `  ${k.id}: ${k.fields.map((f) => k.required.includes(f) ? f : `[${f}]`).join(' ')}`).join('\n')}
DATABASE_URL (PostgreSQL) or DB_PATH (SQLite, default data/onemap.db) selects the database.
Exit 0: every row stored or unchanged; 1: some rows rejected (listed by line; the others are stored); 2: usage.`

export interface Output { out: (line: string) => void; err: (line: string) => void }

export interface CommandDeps { store: Store; locatorAt: LocatorAt; now: number; io: Output; progress?: boolean }

export async function recordsCommand(argv: string[], deps: CommandDeps): Promise<{ code: number; report?: ImportReport }> {
  const { io } = deps
  let values
  try {
    ({ values } = parseArgs({ args: argv, strict: true, options: {
      kind: { type: 'string' }, file: { type: 'string' }, map: { type: 'string' }, crs: { type: 'string' }, 'dry-run': { type: 'boolean' }, help: { type: 'boolean' },
    } }))
  } catch (err) {
    io.err(`${(err as Error).message}\n${RECORDS_USAGE}`)
    return { code: 2 }
  }
  if (values.help) { io.out(RECORDS_USAGE); return { code: 0 } }
  const kind = RECORD_KINDS[values.kind ?? '']
  if (!kind || !values.file) { io.err(`${!kind ? `--kind ${Object.keys(RECORD_KINDS).join('|')} is required` : '--file is required'}\n${RECORDS_USAGE}`); return { code: 2 } }
  const crs = (values.crs ?? 'wgs84') as Crs
  if (!CRS_IDS.includes(crs)) { io.err(`--crs ${values.crs}: use one of ${CRS_IDS.join(', ')}`); return { code: 2 } }
  const dryRun = values['dry-run'] ?? false
  let report: ImportReport
  try {
    const map = parseMapOption(values.map, kind.fields)
    const bar = deps.progress ? progressReporter(values.file) : null
    const command = `npm run import -- records ${argv.join(' ')}`
    report = await importRecords(deps.store, deps.locatorAt, { kind, file: values.file, map, crs, dryRun, now: deps.now, command }, bar ? (p) => bar.update(p) : undefined)
    bar?.done(report.rows)
  } catch (err) {
    const e = err as NodeJS.ErrnoException
    if (e.code === 'ENOENT') { io.err(`${values.file}: no such file`); return { code: 2 } }
    if (err instanceof Error && !(err instanceof TypeError || err instanceof RangeError)) { io.err(err.message); return { code: 2 } }
    throw err
  }
  for (const r of report.rejected) io.err(`line ${r.line}: ${r.reason}`)
  const verb = dryRun ? 'dry run, nothing written: would add' : 'added'
  io.out(`${kind.id}: ${report.rows} rows: ${verb} ${report.added}, ${dryRun ? 'would change' : 'changed'} ${report.changed}, unchanged ${report.unchanged}, rejected ${report.rejected.length}` +
    (report.batchId === null ? '' : `; batch ${report.batchId} (undo: npm run import -- undo ${report.batchId})`))
  return { code: report.rejected.length ? 1 : 0, report }
}
