// What the import knows of one record kind: the fields a file may give, how a row becomes the stored row (through
// the same schema and intake function as the API's POST), which columns a re-run may change, and when a stored
// record has moved on so far that a file may no longer change it.
import type { Locator } from '../../services/locator'
import type { ExistingRecord, ImportTable } from '../../store/record-imports'
import type { Crs } from '../../../domain/crs'
import type { Cells } from './cells'

/** Where a record's point lies by the boundaries in force at the record's own time (boundary versions). */
export type LocatorAt = (t: number) => Locator

export interface ParseContext {
  locatorAt: LocatorAt
  /** The file's coordinate system (--crs), unless a row's `crs` cell says otherwise. */
  crs: Crs
  now: number
}

export interface RecordKind {
  id: ImportTable
  /** The fields a file may give, in the order the usage lists them; `externalId` first. */
  fields: readonly string[]
  /** Those every row must give (a missing one rejects the row by name). */
  required: readonly string[]
  /**
   * The camelCased columns a row sets on a record that exists: compared (equal: unchanged), changed, and put
   * back by an undo. What intake alone sets (status, updated_at) is not among them.
   */
  written: readonly string[]
  /** SELECT expressions, aliased, that movedOn reads besides the written columns. */
  activity: readonly string[]
  /** The row to store (camelCased, as the store inserts it), or RowRejected with the reason. */
  parse(cells: Cells, ctx: ParseContext): Record<string, unknown>
  /** Why a stored record may no longer be changed by a file (it has a life in the app since), or null. */
  movedOn(existing: ExistingRecord): string | null
  /** The history row an added record starts with, as intake writes it (its table, columns, the row); null: none. */
  history: {
    table: 'incident_events' | 'dispute_events'
    columns: readonly string[]
    row(id: number, row: Record<string, unknown>): Record<string, unknown>
  } | null
}
