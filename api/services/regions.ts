// Region boundaries are built files (geodata/*.geojson), loaded once at start; an imported boundary version in force
// replaces a level's file (boundary-timeline.ts). Each response body is serialised
// and gzipped once with its ETag, so a wall of screens asking every few minutes costs a hash lookup, not a
// JSON.stringify and a compression.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson'
import { maskName, maskPhone } from '../../domain/mask'
import { labelPoint } from './label-point'

export type RegionFeature = Feature<Geometry, Record<string, unknown> & { id: string }>
export type RegionCollection = FeatureCollection<Geometry, Record<string, unknown> & { id: string }>

export interface Regions {
  county: RegionCollection
  townships: RegionCollection
  villages: RegionCollection
  grids: RegionCollection
}

export const GEODATA_DIR = join(import.meta.dirname, '..', '..', 'geodata')

export type RegionLayer = keyof Regions

/** A layer's file as built, untouched: grid staff unmasked (what an import carries into a new version). */
export function readLayer(name: RegionLayer, dir = GEODATA_DIR): RegionCollection {
  return JSON.parse(readFileSync(join(dir, `${name}.geojson`), 'utf8')) as RegionCollection
}

export function loadRegions(dir = GEODATA_DIR): Regions {
  return {
    county: readLayer('county', dir), townships: prepareLayer('townships', readLayer('townships', dir)),
    villages: readLayer('villages', dir), grids: prepareLayer('grids', readLayer('grids', dir)),
  }
}

/**
 * What a layer needs before it is served, whether built or imported (a stored boundary version): grid staff
 * masked, and a label point for townships and grids. Changes the collection in place and returns it.
 */
export function prepareLayer(name: RegionLayer, fc: RegionCollection): RegionCollection {
  if (name === 'grids') for (const f of fc.features) maskGridStaff(f.properties)
  // Where each area's name goes: MapLibre labels a polygon once per tile it crosses, so a grid showed its name two
  // or three times on a close view; the map labels points instead.
  if (name === 'townships' || name === 'grids') for (const f of fc.features) f.properties.labelAt = labelPoint(f as Feature<Polygon | MultiPolygon>)
  // What /api/openapi.json says these answer is held by test/api/openapi-answers.test.ts over every file, not at
  // each start: the files are built and committed, so the check belongs with the build, not the server.
  return fc
}

/**
 * Grid heads' and workers' names and phones are personal data. Boundaries are served to every screen, walls
 * included, so they leave the server masked (张**, 138****5678); the full contacts stay in the source files.
 */
function maskGridStaff(p: Record<string, unknown>) {
  for (const key of ['gridHead', 'gridWorker']) {
    const person = p[key] as { name?: string; phone?: string } | undefined
    if (!person) continue
    p[key] = { name: person.name && maskName(person.name), phone: person.phone && maskPhone(person.phone) }
  }
}

/** A collection serialised (`raw`), gzipped at the highest level (made once, sent many times) and hashed: what
 *  routes/regions.ts sends as it is (http/conditional.ts sendReady). */
export interface SerialisedBody { raw: string; gz: Buffer; etag: string }

/** Serialises a collection once per distinct key; region data never changes while the server runs. */
export function bodyCache() {
  const cache = new Map<string, SerialisedBody>()
  return (key: string, make: () => unknown): SerialisedBody => {
    let hit = cache.get(key)
    if (!hit) {
      const raw = JSON.stringify(make())
      hit = { raw, gz: gzipSync(raw, { level: 9 }), etag: `"${createHash('sha1').update(raw).digest('base64url')}"` }
      cache.set(key, hit)
    }
    return hit
  }
}

export function filterCollection(fc: RegionCollection, keep: (f: RegionFeature) => boolean): RegionCollection {
  return { type: 'FeatureCollection', features: fc.features.filter(keep) }
}
