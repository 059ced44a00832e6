// `datetime=` of an items request (OGC API – Features Part 1): an instant, or an interval start/end whose either
// end may be open (`..` or empty). OGC intervals are closed; the lists filter half-open [from, to) ranges on
// epoch milliseconds, so a closed end becomes `to = end + 1 ms`. A bare date means its whole local day (UTC+8), as
// `from`/`to` of the JSON API read a bare date as local midnight.
import { DAY } from '../../domain/time'
import type { Range } from '../../domain/time'
import { badRequest } from '../errors'
import { parseInstant } from '../http/query'

const BARE_DATE = /^\d{4}-\d{2}-\d{2}$/

const startOf = (raw: string) => parseInstant(raw, 'datetime')
/** The first millisecond after a closed end: the next local day for a bare date. */
const afterEnd = (raw: string) => parseInstant(raw, 'datetime') + (BARE_DATE.test(raw) ? DAY : 1)

export function parseDatetime(raw: string | undefined): Range | undefined {
  if (raw === undefined || raw === '') return undefined
  const parts = raw.split('/')
  try {
    if (parts.length === 1) return { from: startOf(raw), to: afterEnd(raw) }
    if (parts.length === 2) {
      const [start, end] = parts as [string, string]
      const open = (s: string) => s === '' || s === '..'
      if (open(start) && open(end)) return { from: undefined, to: undefined }
      const range: Range = { from: open(start) ? undefined : startOf(start), to: open(end) ? undefined : afterEnd(end) }
      if (range.from !== undefined && range.to !== undefined && range.to <= range.from) {
        throw badRequest(`datetime="${raw}": the interval ends before it starts; write start/end with start first`, 'invalid_datetime')
      }
      return range
    }
  } catch (err) {
    if ((err as { code?: string }).code === 'invalid_datetime') throw err
  }
  throw badRequest(`datetime="${raw}" is not an instant or an interval: use RFC 3339 such as 2020-08-01T00:00:00Z, ` +
    'an interval 2020-07-01T00:00:00Z/2020-08-01T00:00:00Z, or one open at either end (../2020-08-01T00:00:00Z, 2020-07-01T00:00:00Z/..)', 'invalid_datetime')
}

/**
 * Every `datetime=` of the request, as one range: their intersection. The standard names one; GDAL sends a
 * filter on a time property as two (`datetime=start/..&datetime=../end`), and both hold.
 */
export function parseDatetimes(values: readonly string[] | undefined): Range | undefined {
  const ranges = (values ?? []).map(parseDatetime).filter((r): r is Range => r !== undefined)
  if (ranges.length === 0) return undefined
  const bound = (pick: (a: number, b: number) => number, of: (r: Range) => number | undefined) =>
    ranges.map(of).reduce<number | undefined>((a, b) => (a === undefined ? b : b === undefined ? a : pick(a, b)), undefined)
  const from = bound(Math.max, (r) => r.from)
  const to = bound(Math.min, (r) => r.to)
  // Intervals that do not meet: a range that holds nothing.
  return from !== undefined && to !== undefined && to < from ? { from, to: from } : { from, to }
}
