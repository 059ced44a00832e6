// A file's features as the import reads them: each with its region code (from the code field, through the code
// map where the county's own codes differ from the NBS ones), its name, and its polygons in WGS84, GCJ-02 undone
// when the file says so. What cannot be read as a polygon with a code is a problem named by the feature.
import type { MultiPolygon, Polygon, Position } from 'geojson'
import { gcj02ToWgs84 } from '../../../domain/crs'
import type { RawCollection } from './gdal'

export interface BoundaryFeature {
  /** 1-based, in the file's order: how the report names a feature before its code is known. */
  index: number
  code: string
  name: string
  geometry: Polygon | MultiPolygon
}

export interface ReadOptions {
  codeField?: string
  nameField?: string
  /** The file's code → the region code. */
  codeMap?: ReadonlyMap<string, string>
  crs?: 'gcj02'
}

/** Field names tried in turn when none is given: ours, then those common in 国土/民政 data. */
const CODE_FIELDS = ['id', 'code', 'CODE', 'ID', 'XZQDM', 'QHDM', 'adcode', 'Code']
const NAME_FIELDS = ['name', 'NAME', 'XZQMC', 'QHMC', 'Name', 'MC']

/** Six decimals (~0.1 m), as the built files: adjoining areas that share a vertex keep sharing it. */
const round6 = (n: number) => Math.round(n * 1e6) / 1e6

export function featureLabel(f: { index: number; code?: string; name?: string }): string {
  return `feature #${f.index}${f.name ? ` ${f.name}` : ''}${f.code ? ` (${f.code})` : ''}`
}

export function readFeatures(raw: RawCollection, opts: ReadOptions): { features: BoundaryFeature[]; problems: string[] } {
  const features: BoundaryFeature[] = []
  const problems: string[] = []
  const fields = new Set(raw.features.flatMap((f) => Object.keys(f.properties ?? {})))
  // GDAL keeps a GeoJSON feature's own id apart from its properties (and drops a property of the same value).
  if (raw.features.some((f) => f.id !== undefined)) fields.add('id')
  const codeField = opts.codeField ?? CODE_FIELDS.find((k) => fields.has(k))
  const nameField = opts.nameField ?? NAME_FIELDS.find((k) => fields.has(k))
  if (!codeField || !fields.has(codeField)) {
    return { features, problems: [`no code field${opts.codeField ? ` "${opts.codeField}"` : ''} in the file (its fields: ${[...fields].join(', ') || 'none'}): name it with --code-field`] }
  }
  if (opts.nameField && !fields.has(opts.nameField)) problems.push(`no name field "${opts.nameField}" in the file (its fields: ${[...fields].join(', ')})`)
  const convert = opts.crs === 'gcj02' ? (p: Position) => gcj02ToWgs84([p[0]!, p[1]!]) : (p: Position) => p
  const ring = (r: Position[]) => r.map((p) => { const [x, y] = convert(p); return [round6(x!), round6(y!)] })

  raw.features.forEach((f, i) => {
    const props = f.properties ?? {}
    // GeoJSON's own feature id, where GDAL kept it apart from the properties.
    const value = props[codeField] ?? (codeField === 'id' ? f.id : undefined)
    const given = value === undefined || value === null ? '' : String(value).trim()
    const code = opts.codeMap?.get(given) ?? given
    const name = nameField && props[nameField] != null ? String(props[nameField]).trim() : ''
    const label = featureLabel({ index: i + 1, code: given, name })
    const g = f.geometry
    if (!given) { problems.push(`${label} has no code in field "${codeField}"`); return }
    if (!g) { problems.push(`${label} has no geometry`); return }
    let geometry: Polygon | MultiPolygon
    if (g.type === 'Polygon') geometry = { type: 'Polygon', coordinates: g.coordinates.map(ring) }
    else if (g.type === 'MultiPolygon') geometry = { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(ring)) }
    else { problems.push(`${label} is a ${g.type}, not a polygon: boundaries are areas`); return }
    features.push({ index: i + 1, code, name, geometry })
  })
  return { features, problems }
}

/**
 * A code map file: JSON ({ "theirs": "330329100", … }) or two columns of text (theirs,ours per line, a header
 * line allowed): the county's own codes for the NBS codes the product keys everything by.
 */
export function parseCodeMap(text: string): Map<string, string> {
  const trimmed = text.trim()
  if (trimmed.startsWith('{')) {
    const obj = JSON.parse(trimmed) as Record<string, unknown>
    return new Map(Object.entries(obj).map(([k, v]) => [k.trim(), String(v).trim()]))
  }
  const map = new Map<string, string>()
  for (const line of trimmed.split(/\r?\n/)) {
    const [theirs, ours] = line.split(/[,\t;]/).map((s) => s?.trim().replace(/^"|"$/g, ''))
    if (theirs && ours && /^\d+$/.test(ours)) map.set(theirs, ours)
  }
  return map
}
