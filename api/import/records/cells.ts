// A file's cells as the schemas take them: text stays text (an empty cell is a missing field), a number is parsed
// where one is expected (a cell that is not one stays text, so the schema names the field), times are read as
// China's registers write them.
import { parseInstant } from '../../http/query'
import { LOCAL_OFFSET_ISO } from '../../../domain/calendar'
import { RowRejected, asRejection } from './rejection'

/** One row: the value of each mapped field, undefined when the cell is empty or the column absent. */
export type Cells = Readonly<Record<string, string | undefined>>

export function numberCell(raw: string | undefined): number | string | undefined {
  if (raw === undefined) return undefined
  const n = Number(raw)
  return Number.isFinite(n) ? n : raw
}

const TRUE = new Set(['true', '1', 'yes', 'y', '是'])
const FALSE = new Set(['false', '0', 'no', 'n', '否'])
export function booleanCell(raw: string | undefined): boolean | string | undefined {
  if (raw === undefined) return undefined
  const v = raw.toLowerCase()
  return TRUE.has(v) ? true : FALSE.has(v) ? false : raw
}

/**
 * An instant: an ISO 8601 time with its offset, a date (its local midnight), or a local date and time as
 * spreadsheets write them ("2024-03-05 14:30", "2024/3/5 14:30:00"), read in China's time (UTC+8). Never after
 * `now`: a record is imported as it was, not planned.
 */
export function instantCell(raw: string | undefined, field: string, now: number): number {
  if (raw === undefined) throw new RowRejected(`${field}: missing; give a date (YYYY-MM-DD) or a time (YYYY-MM-DD HH:mm)`)
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(raw)
  const iso = m
    ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}${m[4] === undefined ? '' : `T${m[4].padStart(2, '0')}:${m[5]}:${m[6] ?? '00'}${LOCAL_OFFSET_ISO}`}`
    : raw
  let at: number
  try {
    at = asRejection(() => parseInstant(iso, field))
  } catch {
    throw new RowRejected(`${field}="${raw}" is not a real date or time: use YYYY-MM-DD, YYYY-MM-DD HH:mm or ISO 8601 with its offset`)
  }
  if (at > now) throw new RowRejected(`${field}="${raw}" is in the future; an import records what has happened`)
  return at
}
