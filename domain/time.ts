// The domain works in epoch milliseconds (plain numbers) throughout: they compare, subtract and
// store in SQLite without conversion. `now` is always a parameter, never read from the clock here.
// Deadlines count calendar time (no working-day calendar): a command centre runs round the clock.

export const MINUTE = 60_000
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR

/** Epoch milliseconds; accepts a Date at the boundary so callers need not convert. */
export type Instant = number

/** A span of time from `from` (included) to `to` (excluded); either end left undefined is open. */
export interface Range { from: Instant | undefined; to: Instant | undefined }

export function toMs(t: Date | number): Instant {
  const ms = typeof t === 'number' ? t : t.getTime()
  if (!Number.isFinite(ms)) throw new RangeError(`not a valid instant: ${String(t)}`)
  return ms
}

/** A deadline is met at its exact instant and missed 1 ms later. */
export function isPast(deadline: Instant, now: Instant): boolean {
  return now > deadline
}
