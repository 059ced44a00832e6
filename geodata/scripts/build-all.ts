/**
 * Deterministic geodata build: `npm run geodata [outDir]` (default geodata/). Reads geodata/sources/, writes
 * county / townships / villages / grids .geojson. Two runs give byte-identical files (seeded PRNG, sorted output),
 * which test/geodata checks by building into a temp dir and comparing with the committed files.
 */
import { join, resolve } from 'node:path'
import { bbox } from '@turf/turf'
import { buildCounty } from './build-county'
import { buildGrids } from './build-grids'
import { buildTownships } from './build-townships'
import { buildVillages } from './build-villages'
import { projectionForBbox } from './projection'
import { readSources } from './read-sources'
import { writeCollection } from './write-geojson'

const GEODATA_DIR = resolve(import.meta.dirname, '..')

const started = performance.now()
const outDir = resolve(process.argv[2] ?? GEODATA_DIR)
const sources = readSources(join(GEODATA_DIR, 'sources'))

const county = buildCounty(sources.outline)
// One projection for every layer, centred on the county, so the layers nest exactly.
const proj = projectionForBbox(bbox(county.geometry))
const townships = buildTownships(county.geometry, sources.townships, proj)
const villages = buildVillages(townships, sources.villages, proj)
const grids = buildGrids(townships, villages, proj)

const report = (name: string, count: number, bytes: number) =>
  console.log(`${name.padEnd(10)} ${String(count).padStart(4)} features  ${(bytes / 1024).toFixed(0).padStart(5)} KiB`)
report('county', 1, writeCollection(join(outDir, 'county.geojson'), [county]))
report('townships', townships.length, writeCollection(join(outDir, 'townships.geojson'), townships))
report('villages', villages.length, writeCollection(join(outDir, 'villages.geojson'), villages))
report('grids', grids.length, writeCollection(join(outDir, 'grids.geojson'), grids))
const households = grids.reduce((sum, g) => sum + g.properties.households, 0)
console.log(`households ${households}; written to ${outDir} in ${((performance.now() - started) / 1000).toFixed(1)} s`)
