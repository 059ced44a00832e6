import type { VillageProps } from './layer-types'
import { createRng } from './prng'
import { COUNTY_SEAT_TOWNSHIP } from './codes'

/**
 * Synthetic household estimates. Taishun has ~370,000 registered residents, i.e. roughly 100,000 households;
 * the county seat's communities are dense, hill villages sparse (a village twice the size has ~1.4× the
 * households, not 2×). Raw estimates are scaled so the county totals about HOUSEHOLD_TARGET.
 */
export const HOUSEHOLD_TARGET = 100_000

export function villageHouseholds(villages: readonly VillageProps[]): Map<string, number> {
  const raw = villages.map((v) => rawEstimate(v))
  const total = raw.reduce((a, b) => a + b, 0)
  return new Map(villages.map((v, i) => [v.id, Math.max(20, Math.round(((raw[i] ?? 0) * HOUSEHOLD_TARGET) / total))]))
}

function rawEstimate(v: VillageProps): number {
  const rng = createRng(`households:${v.id}`)
  if (v.kind === '社区') return v.township === COUNTY_SEAT_TOWNSHIP ? rng.between(2200, 3600) : rng.between(700, 1300)
  const perVillage = v.township === COUNTY_SEAT_TOWNSHIP ? rng.between(220, 480) : rng.between(130, 330)
  return perVillage * Math.sqrt(Math.max(v.area_km2, 0.5) / 4)
}

/**
 * Splits a village's households over its grids in proportion to the weights, by largest remainder, so the grids
 * add up to the village total exactly. Ties go to the lower index (deterministic).
 */
export function splitHouseholds(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0)
  const exact = weights.map((w) => (total * w) / sum)
  const out = exact.map((x) => Math.floor(x))
  let left = total - out.reduce((a, b) => a + b, 0)
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i)
  for (const { i } of order) {
    if (left <= 0) break
    out[i] = (out[i] ?? 0) + 1
    left--
  }
  return out
}
