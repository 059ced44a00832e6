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
   * back by an undo (updated_at is the import's own, never among them).
   */
  written: readonly string[]
  /** Of `written`, those this file row is compared on with the stored record (left out: all of them). */
  compared?(existing: ExistingRecord, row: Record<string, unknown>): readonly string[]
  /** SELECT expressions, aliased, that movedOn reads besides the written columns. */
  activity: readonly string[]
  /** The row to store (camelCased, as the store inserts it), or RowRejected with the reason. */
  parse(cells: Cells, ctx: ParseContext): Record<string, unknown>
  /** Why a stored record may no longer be changed by this file row (it has a life in the app since), or null. */
  movedOn(existing: ExistingRecord, row: Record<string, unknown>): string | null
  /**
   * The history rows a record gets from a file row, as intake and the life cycle write them (its table, columns,
   * the rows): all of them for an added record (`existing` null), the steps it newly took for a changed one.
   * Null: the kind keeps no history.
   */
  history: {
    table: 'incident_events' | 'dispute_events'
    columns: readonly string[]
    rows(id: number, row: Record<string, unknown>, existing: ExistingRecord | null): Record<string, unknown>[]
  } | null
}
