// One records import: the file's rows, each validated and placed as the API's intake does it, written in chunks
// (one transaction each, the batch's notes inside), keyed by the county's external id so a second run updates or
// leaves what the first stored. A rejected row is reported by its line and stores nothing; the others go on.
import type { Crs } from '../../../domain/crs'
import type { LocatorAt } from './kind'
import type { Store } from '../../store'
import { EVENTS_CHANNEL } from '../../store/events'
import type { ExistingRecord } from '../../store/record-imports'
import { importBatches } from '../batches'
import type { Cells } from './cells'
import { cellsOf, columnMap } from './column-map'
import type { RecordKind } from './kind'
import { readRows } from './read-rows'
import { RowRejected } from './rejection'

/** Rows per transaction: large enough that a commit's cost is spread, small enough to hold the writer briefly. */
const CHUNK = 500
/** History rows per statement: a chunk of closed cases has six steps each, within either engine's bound parameters. */
const STEPS_PER_STATEMENT = 1000
/** The external id is the county's own key; anything longer is not one. */
const EXTERNAL_ID_MAX = 100

export interface RecordsImport {
  kind: RecordKind
  file: string
  /** Header → field, from --map. */
  map: ReadonlyMap<string, string>
  crs: Crs
  dryRun: boolean
  now: number
  /** The command line, for the batch and the audit log. */
  command: string
}

export interface Rejection { line: number; reason: string }

export interface ImportReport {
  /** Null for a dry run (nothing is written, no batch is made). */
  batchId: number | null
  rows: number
  added: number
  changed: number
  unchanged: number
  rejected: Rejection[]
}

export interface Progress { rows: number; bytesRead: number }

interface Prepared { line: number; externalId: string; row: Record<string, unknown> }

const snake = (key: string) => key.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`)
const same = (a: unknown, b: unknown) =>
  (a ?? null) === (b ?? null) || (typeof a === 'number' || typeof b === 'number' ? Number(a) === Number(b) && a !== null && b !== null : false)

function externalIdOf(cells: Cells): string {
  const id = cells.externalId!
  if (id.length > EXTERNAL_ID_MAX) throw new RowRejected(`externalId: at most ${EXTERNAL_ID_MAX} characters`)
  if (/[\u0000-\u001f\u007f]/.test(id)) throw new RowRejected('externalId: must not contain control characters')
  return id
}

export async function importRecords(store: Store, locatorAt: LocatorAt, opts: RecordsImport, progress?: (p: Progress) => void): Promise<ImportReport> {
  const { kind } = opts
  const source = readRows(opts.file)
  const rows = source.rows[Symbol.asyncIterator]()
  const first = await rows.next()
  if (first.done) throw new Error(`${opts.file} is empty: the first row must name the columns`)
  const columns = columnMap(first.value, opts.map, kind.fields, kind.required)
  const batches = importBatches(store)
  const report: ImportReport = { batchId: null, rows: 0, added: 0, changed: 0, unchanged: 0, rejected: [] }
  const written = kind.written.map(snake)
  const ctx = { locatorAt, crs: opts.crs, now: opts.now }
  // Each external id's line: a file that gives one record twice is refused on the second line, never merged.
  const seen = new Map<string, number>()
  if (!opts.dryRun) report.batchId = await batches.start({ kind: kind.id, source: opts.file, command: opts.command, at: opts.now })

  const addSteps = async (steps: readonly Record<string, unknown>[]) => {
    for (let i = 0; i < steps.length; i += STEPS_PER_STATEMENT) {
      await store.recordImports.addHistory(kind.history!.table, kind.history!.columns, steps.slice(i, i + STEPS_PER_STATEMENT))
    }
  }

  /** New records in one statement each: the rows, their history rows, the batch's notes. */
  const add = async (items: Prepared[]) => {
    report.added += items.length
    if (opts.dryRun || !items.length) return
    const ids = await store.recordImports.insertMany(kind.id, items.map((i) => ({ ...i.row, externalId: i.externalId })))
    const idOf = (i: Prepared) => ids.get(i.externalId)!
    if (kind.history) await addSteps(items.flatMap((i) => kind.history!.rows(idOf(i), i.row, null)))
    await batches.added(report.batchId!, kind.id, items.map((i) => ({ recordId: idOf(i), leftAt: i.row.updatedAt as number })))
  }

  const settle = async (item: Prepared, existing: ExistingRecord) => {
    const diff = (kind.compared?.(existing, item.row) ?? kind.written).filter((k) => !same(existing[k], item.row[k]))
    if (!diff.length) { report.unchanged++; return }
    const moved = kind.movedOn(existing, item.row)
    if (moved) { report.rejected.push({ line: item.line, reason: moved }); return }
    report.changed++
    if (opts.dryRun) return
    const before = Object.fromEntries([...diff.map((k) => [k, existing[k] ?? null]), ['updatedAt', existing.updatedAt]])
    await store.recordImports.update(kind.id, existing.id, Object.fromEntries(diff.map((k) => [k, item.row[k]])), opts.now)
    // The steps the record newly took (a reported case the file closes); an undo takes them back with the columns.
    const steps = kind.history?.rows(existing.id, item.row, existing) ?? []
    await addSteps(steps)
    await batches.changed(report.batchId!, kind.id, existing.id, before, opts.now)
  }

  const flush = async (chunk: Prepared[]) => {
    if (!chunk.length) return
    const found = await store.recordImports.byExternalIds(kind.id, written, kind.activity, chunk.map((c) => c.externalId))
    const byId = new Map(found.map((e) => [e.externalId, e]))
    const write = async () => {
      await add(chunk.filter((item) => !byId.has(item.externalId)))
      for (const item of chunk) { const existing = byId.get(item.externalId); if (existing) await settle(item, existing) }
      // Other API processes on the same PostgreSQL clear their memo of figures on the word (SQLite: one writer).
      if (!opts.dryRun) await store.sql.announce(EVENTS_CHANNEL, '{}')
    }
    await (opts.dryRun ? write() : store.transaction(write))
    progress?.({ rows: report.rows, bytesRead: source.bytesRead() })
  }

  let chunk: Prepared[] = []
  for (let next = await rows.next(); !next.done; next = await rows.next()) {
    const { line } = next.value
    report.rows++
    try {
      const cells = cellsOf(next.value, columns)
      const missing = kind.required.filter((f) => cells[f] === undefined)
      if (missing.length) throw new RowRejected(`missing ${missing.join(', ')}`)
      const externalId = externalIdOf(cells)
      const earlier = seen.get(externalId)
      if (earlier !== undefined) throw new RowRejected(`externalId "${externalId}" is also on line ${earlier}: give each record once`)
      const row = kind.parse(cells, ctx)
      seen.set(externalId, line)
      chunk.push({ line, externalId, row })
    } catch (err) {
      if (!(err instanceof RowRejected)) throw err
      report.rejected.push({ line, reason: err.message })
    }
    if (chunk.length >= CHUNK) { await flush(chunk); chunk = [] }
  }
  await flush(chunk)
  report.rejected.sort((a, b) => a.line - b.line)
  if (report.batchId !== null) {
    await batches.finish(report.batchId, opts.command, { added: report.added, changed: report.changed, unchanged: report.unchanged, rejected: report.rejected.length }, Date.now())
  }
  return report
}
