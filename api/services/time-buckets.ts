// The buckets of a metric series: local days, ISO weeks or months (domain/calendar.ts). The SQL in
// api/store/local-time-sql.ts computes the same bucket starts; the timeseries tests pin the two together.
import { localDayStart, localMonth, localWeekStart } from '../../domain/calendar'
import { DAY } from '../../domain/time'

export const INTERVAL_IDS = ['day', 'week', 'month'] as const
export type Interval = (typeof INTERVAL_IDS)[number]

/** The start of the bucket holding t: local midnight, Monday local midnight (ISO weeks), or the 1st of the month. */
export function bucketStart(t: number, interval: Interval): number {
  if (interval === 'day') return localDayStart(t)
  if (interval === 'week') return localWeekStart(t)
  return localMonth(t).from
}

/** The start of the bucket after the one starting at `start`. */
export function nextBucket(start: number, interval: Interval): number {
  if (interval === 'day') return start + DAY
  if (interval === 'week') return start + 7 * DAY
  return localMonth(start).to
}

/** `count` buckets back from the one holding t (inclusive): the default window of a series. */
export function bucketsBack(t: number, interval: Interval, count: number): number {
  let start = bucketStart(t, interval)
  for (let i = 1; i < count; i++) start = bucketStart(start - 1, interval)
  return start
}

/**
 * The starts of the buckets that [from, to) touches, in order, or null when there would be more than `max`
 * (so a caller can refuse a day series over ten years before building it).
 */
export function bucketStarts(from: number, to: number, interval: Interval, max: number): number[] | null {
  const starts: number[] = []
  for (let t = bucketStart(from, interval); t < to; t = nextBucket(t, interval)) {
    if (starts.length === max) return null
    starts.push(t)
  }
  return starts
}
