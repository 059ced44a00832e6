// The boundaries the seed samples from, read straight from geodata/*.geojson. Not through the API's
// loadRegions(): that one masks grid staff for the wire, and a patrol report is filed under the grid worker's
// full (synthetic) name and phone, masked only when shown.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { RegionCollection } from '../services/regions'

export interface SeedRegions {
  readonly townships: RegionCollection
  readonly villages: RegionCollection
  readonly grids: RegionCollection
}

export const SEED_GEODATA_DIR = join(import.meta.dirname, '..', '..', 'geodata')

export function readSeedRegions(dir = SEED_GEODATA_DIR): SeedRegions {
  const read = (name: string) => JSON.parse(readFileSync(join(dir, `${name}.geojson`), 'utf8')) as RegionCollection
  return { townships: read('townships'), villages: read('villages'), grids: read('grids') }
}
