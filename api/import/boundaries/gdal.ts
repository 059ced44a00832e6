// Reads a boundary file of any format GDAL knows (GeoJSON, a zipped Shapefile with its .prj, GeoPackage) and hands
// back its features in WGS84 lng/lat. GDAL's ogr2ogr reprojects through PROJ, which knows CGCS2000 geographic and
// the 3°/6° Gauss-Krüger zones from the .prj; nothing here does geodesy of its own.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { promisify } from 'node:util'
import type { FeatureCollection, Geometry } from 'geojson'

const run = promisify(execFile)

/** Boundary files can be tens of megabytes of GeoJSON once converted. */
const MAX_OUTPUT_BYTES = 512 * 1024 * 1024

export const GDAL_MISSING = 'GDAL is not installed (ogr2ogr, ogrinfo): install it with `apt-get install -y gdal-bin` and run the import again'

export class BoundaryFileError extends Error {}

export type RawCollection = FeatureCollection<Geometry | null, Record<string, unknown> | null>

/** The path GDAL opens: a .zip is read in place through its virtual file system. */
export function gdalSource(file: string): string {
  const path = resolve(file)
  return /\.zip$/i.test(path) ? `/vsizip/${path}` : path
}

async function tool(name: 'ogr2ogr' | 'ogrinfo', args: string[]): Promise<string> {
  try {
    const { stdout } = await run(name, args, { maxBuffer: MAX_OUTPUT_BYTES, encoding: 'utf8' })
    return stdout
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string }
    if (e.code === 'ENOENT') throw new BoundaryFileError(GDAL_MISSING)
    throw new BoundaryFileError(`${name} could not read the file: ${(e.stderr ?? e.message).trim().split('\n').slice(-3).join(' ')}`)
  }
}

export interface LayerInfo { name: string; hasCrs: boolean }

/** The file's layers, each with whether it says its coordinate system (a Shapefile without its .prj does not). */
export async function layersOf(file: string): Promise<LayerInfo[]> {
  if (!existsSync(file)) throw new BoundaryFileError(`no file at ${file}: check the path given to --file`)
  const source = gdalSource(file)
  const names = (await tool('ogrinfo', ['-ro', '-q', source]))
    .split('\n').map((line) => /^\d+: (.+?)(?: \([^)]*\))?$/.exec(line.trim())?.[1]).filter((n): n is string => !!n)
  const layers: LayerInfo[] = []
  for (const name of names) {
    const summary = await tool('ogrinfo', ['-ro', '-so', source, name])
    layers.push({ name, hasCrs: !/Layer SRS WKT:\s*\n\s*\(unknown\)/.test(summary) })
  }
  return layers
}

/**
 * The features of one layer in WGS84 (EPSG:4326, lng/lat order). A layer that does not say its CRS is refused,
 * except GeoJSON, which is WGS84 by definition: guessing a projected file's zone would put it kilometres off.
 */
export async function readWgs84(file: string, layer?: string): Promise<{ layer: string; collection: RawCollection }> {
  const layers = await layersOf(file)
  if (layers.length === 0) throw new BoundaryFileError(`${file} holds no layer GDAL can read`)
  const chosen = layer === undefined ? layers[0]! : layers.find((l) => l.name === layer)
  if (!chosen) throw new BoundaryFileError(`${file} has no layer "${layer}": it has ${layers.map((l) => l.name).join(', ')}`)
  if (layer === undefined && layers.length > 1) {
    throw new BoundaryFileError(`${file} has ${layers.length} layers (${layers.map((l) => l.name).join(', ')}): choose one with --layer`)
  }
  const geojson = /\.(geo)?json$/i.test(file)
  if (!chosen.hasCrs && !geojson) {
    throw new BoundaryFileError(`layer "${chosen.name}" of ${file} does not say its coordinate system (a Shapefile needs its .prj beside it in the zip): add the .prj the data came with`)
  }
  const out = await tool('ogr2ogr', ['-f', 'GeoJSON', '-t_srs', 'EPSG:4326', '-lco', 'WRITE_BBOX=NO', '/vsistdout/', gdalSource(file), chosen.name])
  try {
    return { layer: chosen.name, collection: JSON.parse(out) as RawCollection }
  } catch {
    throw new BoundaryFileError(`ogr2ogr's output for ${file} is not GeoJSON`)
  }
}
