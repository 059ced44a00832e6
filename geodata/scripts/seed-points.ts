import { bbox as turfBbox, booleanPointInPolygon, pointOnFeature } from '@turf/turf'
import type { Position } from 'geojson'
import type { Rng } from './prng'
import type { Areal } from './projection'

/**
 * Seed points for a Voronoi partition, in projected (km) coordinates.
 *
 * Uniform random seeds give very uneven cells. Lloyd relaxation (move each seed to the centroid of its cell,
 * repeat) evens them out; it is run here on a dense uniform sample of the region (discrete k-means) rather than on
 * exact clipped cells, which is ~100× cheaper and just as good for indicative boundaries.
 */

/** Uniform points inside the region by rejection sampling in its bbox; deterministic for a given rng. */
export function samplePoints(region: Areal, count: number, rng: Rng): Position[] {
  const [minX, minY, maxX, maxY] = turfBbox(region) as [number, number, number, number]
  const out: Position[] = []
  // Thin or ragged regions reject most tries: bound the work, then fall back to a point known to be inside.
  for (let tries = 0; out.length < count && tries < count * 200; tries++) {
    const p: Position = [rng.between(minX, maxX), rng.between(minY, maxY)]
    if (booleanPointInPolygon(p, region)) out.push(p)
  }
  if (out.length === 0) out.push(pointOnFeature(region).geometry.coordinates)
  return out
}

export interface SeedSpec {
  /** A fixed seed stays where it is put (e.g. a community at the town centre); others start here and relax. */
  start: Position
  fixed: boolean
}

/** Lloyd relaxation of the free seeds over the sample; fixed seeds take part in the assignment but never move. */
export function relaxSeeds(region: Areal, samples: Position[], seeds: SeedSpec[], rounds: number): Position[] {
  const pos = seeds.map((s) => [s.start[0] ?? 0, s.start[1] ?? 0] as [number, number])
  for (let r = 0; r < rounds; r++) {
    const sumX = new Float64Array(pos.length)
    const sumY = new Float64Array(pos.length)
    const n = new Uint32Array(pos.length)
    const owner = new Int32Array(samples.length)
    samples.forEach((s, k) => {
      const i = nearest(pos, s)
      owner[k] = i
      sumX[i] = (sumX[i] ?? 0) + (s[0] ?? 0)
      sumY[i] = (sumY[i] ?? 0) + (s[1] ?? 0)
      n[i] = (n[i] ?? 0) + 1
    })
    pos.forEach((p, i) => {
      const count = n[i] ?? 0
      if (seeds[i]?.fixed || count === 0) return
      const c: [number, number] = [(sumX[i] ?? 0) / count, (sumY[i] ?? 0) / count]
      // The centroid of a crescent-shaped cluster can fall outside the region: use its closest own sample instead.
      pos[i] = booleanPointInPolygon(c, region) ? c : closestOwnSample(samples, owner, i, c)
    })
  }
  return pos
}

function nearest(pos: readonly (readonly [number, number])[], s: Position): number {
  const x = s[0] ?? 0
  const y = s[1] ?? 0
  let best = 0
  let bestD = Infinity
  for (let i = 0; i < pos.length; i++) {
    const p = pos[i] as readonly [number, number]
    const d = (p[0] - x) ** 2 + (p[1] - y) ** 2
    // Strict < keeps ties on the lower index: deterministic.
    if (d < bestD) {
      bestD = d
      best = i
    }
  }
  return best
}

function closestOwnSample(samples: Position[], owner: Int32Array, i: number, c: [number, number]): [number, number] {
  let best: [number, number] = c
  let bestD = Infinity
  samples.forEach((s, k) => {
    if (owner[k] !== i) return
    const d = ((s[0] ?? 0) - c[0]) ** 2 + ((s[1] ?? 0) - c[1]) ** 2
    if (d < bestD) {
      bestD = d
      best = [s[0] ?? 0, s[1] ?? 0]
    }
  })
  return best
}
