import type { VillageProps } from './layer-types'
import { COUNTY_SEAT_TOWNSHIP } from './codes'

/**
 * How many 全科网格 a village gets. Zhejiang sizes rural grids by village and area, urban ones by households
 * (roughly 300–500 per grid), so communities get more grids than their small areas alone would give.
 * The thresholds put ~2.4 grids in the average village, ~700 in the county.
 */
export function gridCount(v: VillageProps): number {
  if (v.kind === '社区') {
    if (v.township === COUNTY_SEAT_TOWNSHIP) return v.area_km2 >= 1 ? 4 : 3
    return v.area_km2 >= 3 ? 3 : 2
  }
  if (v.area_km2 < 2.5) return 1
  if (v.area_km2 < 5) return 2
  if (v.area_km2 < 9) return 3
  return 4
}
