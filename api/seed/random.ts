// Seeded randomness for the data presets. Each concept (incidents, disputes, sites …) draws from its own stream,
// keyed by the seed and a stream name, so changing how disputes are generated never reshuffles the incidents, and
// the same seed always gives the same database. mulberry32 is small and fast; nothing here is for secrets.

// The same FNV-1a hash and mulberry32 generator as the geodata build, so both stay reproducible in one way.
import { hashString, mulberry32 } from '../../geodata/scripts/prng'

export class Rng {
  readonly next: () => number

  constructor(seed: number, stream: string) {
    this.next = mulberry32(hashString(`${seed >>> 0}:${stream}`))
  }

  /** Uniform in [lo, hi). */
  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next()
  }

  /** Integer uniform in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1))
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)]
    if (item === undefined) throw new Error('pick from an empty list')
    return item
  }

  /** Standard normal by Box–Muller (one of the pair is dropped: simplicity beats the saved draw). */
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.next()
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next())
  }

  /** Log-normal with the given median: right-skewed durations (most quick, a few long). */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(this.normal(0, sigma))
  }

  /** A count near `mean` (normal approximation, never negative): monthly volumes with some noise. */
  around(mean: number, relSd: number): number {
    return Math.max(0, Math.round(this.normal(mean, mean * relSd)))
  }

  /** Fisher–Yates, in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1))
      const tmp = items[i] as T
      items[i] = items[j] as T
      items[j] = tmp
    }
    return items
  }
}

/** A weighted choice over fixed items: cumulative weights and a binary search, O(log n) per draw. */
export class Weighted<T> {
  private readonly items: readonly T[]
  private readonly cumulative: Float64Array
  readonly total: number

  constructor(entries: readonly (readonly [T, number])[]) {
    const kept = entries.filter(([, w]) => w > 0)
    if (kept.length === 0) throw new Error('a weighted choice needs at least one positive weight')
    this.items = kept.map(([item]) => item)
    this.cumulative = new Float64Array(kept.length)
    let sum = 0
    kept.forEach(([, w], i) => {
      sum += w
      this.cumulative[i] = sum
    })
    this.total = sum
  }

  draw(rng: Rng): T {
    const x = rng.next() * this.total
    let lo = 0
    let hi = this.cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((this.cumulative[mid] ?? 0) > x) hi = mid
      else lo = mid + 1
    }
    return this.items[lo] as T
  }
}

/** Whole numbers proportional to `weights` that sum exactly to `total` (largest remainder, ties to the earlier). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0)
  if (sum <= 0) return weights.map(() => 0)
  const exact = weights.map((w) => (w / sum) * total)
  const counts = exact.map(Math.floor)
  let short = total - counts.reduce((a, b) => a + b, 0)
  const order = exact.map((x, i) => ({ i, rem: x - Math.floor(x) })).sort((a, b) => b.rem - a.rem || a.i - b.i)
  for (const { i } of order) {
    if (short <= 0) break
    counts[i] = (counts[i] ?? 0) + 1
    short--
  }
  return counts
}
