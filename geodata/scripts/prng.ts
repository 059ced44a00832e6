/**
 * Seeded pseudo-random numbers for the geodata build.
 *
 * Every entity (township, village, grid) draws from its own stream, keyed by its stable code, so adding or
 * changing one entity never reshuffles the others, and two builds give byte-identical files.
 */

/** FNV-1a (32-bit): a stable string → seed hash, independent of the JS engine. */
export function hashString(key: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** mulberry32: tiny, fast, good enough for layout and synthetic names (not for anything secret). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number
  /** Uniform in [lo, hi). */
  between(lo: number, hi: number): number
  /** Integer uniform in [lo, hi] (both inclusive). */
  int(lo: number, hi: number): number
  pick<T>(items: readonly T[]): T
}

export function createRng(key: string): Rng {
  const next = mulberry32(hashString(key))
  const rng: Rng = {
    next,
    between: (lo, hi) => lo + (hi - lo) * next(),
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(items: readonly T[]): T => {
      const item = items[Math.floor(next() * items.length)]
      if (item === undefined) throw new Error('pick from an empty list')
      return item
    },
  }
  return rng
}
