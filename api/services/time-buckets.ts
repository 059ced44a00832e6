// Calendar buckets in the county's local time. China keeps UTC+8 all year (no DST), so a local day is a fixed
// 24 h slice and day/week arithmetic on epoch milliseconds is exact; only months need the calendar. The SQL in
// api/store/metric-sources.ts computes the same bucket starts; the timeseries tests pin the two together.
import { DAY, HOUR } from '../../domain/time'

export const LOCAL_OFFSET_MS = 8 * HOUR

export const INTERVAL_IDS = ['day', 'week', 'month'] as const
export type Interval = (typeof INTERVAL_IDS)[number]

/** Local midnight at or before t. */
export function localDayStart(t: number): number {
  return t - mod(t + LOCAL_OFFSET_MS, DAY)
}

/** The start of the bucket holding t: local midnight, Monday local midnight (ISO weeks), or the 1st of the month. */
export function bucketStart(t: number, interval: Interval): number {
  if (interval === 'day') return localDayStart(t)
  // 1970-01-01 was a Thursday: shifting by 3 days makes Mondays multiples of 7 days.
  if (interval === 'week') return t - mod(t + LOCAL_OFFSET_MS + 3 * DAY, 7 * DAY)
  const local = new Date(t + LOCAL_OFFSET_MS)
  return Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - LOCAL_OFFSET_MS
}

/** The start of the bucket after the one starting at `start`. */
export function nextBucket(start: number, interval: Interval): number {
  if (interval === 'day') return start + DAY
  if (interval === 'week') return start + 7 * DAY
  const local = new Date(start + LOCAL_OFFSET_MS)
  return Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 1) - LOCAL_OFFSET_MS
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

/** `2026-11-27T00:00:00+08:00`: a bucket start reads as the local midnight it is. */
export function isoLocal(t: number): string {
  return `${new Date(t + LOCAL_OFFSET_MS).toISOString().slice(0, 19)}+08:00`
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n
}
