// Small statistics helpers shared by the benchmarks.

/** The q-quantile (0..1) of the values, nearest rank; NaN for none. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN
}

export const median = (values: readonly number[]) => quantile(values, 0.5)

/** Milliseconds `fn` takes, by the monotonic clock. */
export function timed(fn: () => void): number {
  const t0 = performance.now()
  fn()
  return performance.now() - t0
}

/** Milliseconds until the promise `fn` returns settles, by the monotonic clock. */
export async function timedAsync(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now()
  await fn()
  return performance.now() - t0
}
