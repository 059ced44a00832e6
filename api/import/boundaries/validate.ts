// The validation report an import shows before anything is written: what was read, what was repaired, what is
// refused and why (each feature named), the codes against the region tables, and the cover of the area above in
// km² and per cent. Refused when anything is broken beyond repair or the cover is outside the tolerance.
import { area, unkinkPolygon } from '@turf/turf'
import type { Feature, MultiPolygon, Polygon } from 'geojson'
import type { BoundaryLevel } from '../../store/boundaries'
import type { CodeCheck } from './codes'
import { checkCodes } from './codes'
import type { Coverage, Piece } from './coverage'
import { coverage } from './coverage'
import type { BoundaryFeature } from './features'
import { checkRings } from './rings'
import { pct } from './tolerance'

export interface FeatureArea { code: string; name: string; km2: number; inForceKm2: number | null }

export interface ValidationReport {
  level: BoundaryLevel
  features: number
  repaired: string[]
  refused: string[]
  codes: CodeCheck
  coverage: Coverage
  tolerancePct: number
  areas: FeatureArea[]
  /** Why the import is refused; empty when it may be written. */
  reasons: string[]
  /** The features as they would be stored (repairs applied). */
  accepted: BoundaryFeature[]
}

export interface LevelInForce {
  /** Codes and names of the level in force, and each code's area there (km²). */
  known: ReadonlyMap<string, { name: string; km2: number }>
  /** Codes of the level above in force (townships for villages, villages for grids). */
  parentCodes: ReadonlySet<string>
  /** The area above: the county outline, or the polygons of the level above in force. */
  parent: (Polygon | MultiPolygon)[]
  parentName: string
}

const asFeature = (g: Polygon | MultiPolygon): Feature<Polygon | MultiPolygon> => ({ type: 'Feature', properties: {}, geometry: g })

/** A ring refused for crossing itself still stands for its area in the cover, split where it crosses. */
function measurable(f: BoundaryFeature): BoundaryFeature | null {
  try {
    const parts = unkinkPolygon(asFeature(f.geometry) as Feature<Polygon>).features.map((p) => p.geometry.coordinates)
    return parts.length ? { ...f, geometry: { type: 'MultiPolygon', coordinates: parts } } : null
  } catch { return null }
}

/** Up to this many features, every area is listed; beyond, those changed by this share or more, and new ones. */
const AREAS_LISTED_WHOLE = 40
const AREA_CHANGE_LISTED_PCT = 0.1

/** A long list shortened for a terminal: the first 30 and how many more. */
const some = (list: string[]) => list.slice(0, 30).join(', ') + (list.length > 30 ? ` … and ${list.length - 30} more` : '')
const fmt = (km2: number) => km2.toFixed(km2 < 1 ? 4 : 2)
const piecesText = (list: Piece[]) => list.slice(0, 5).map((p) => `${fmt(p.km2)} km² at [${p.at.join(', ')}]${p.near.length ? ` beside ${p.near.join(', ')}` : ''}`).join('; ')
  + (list.length > 5 ? `; and ${list.length - 5} more` : '')

export function validate(read: { features: BoundaryFeature[]; problems: string[] }, level: BoundaryLevel, inForce: LevelInForce, tolerancePct: number): ValidationReport {
  const rings = checkRings(read.features)
  const codes = checkCodes(rings.features, level, new Map([...inForce.known].map(([c, v]) => [c, v.name])), inForce.parentCodes)
  const refusedFeatures = read.features.filter((f) => !rings.features.some((k) => k.index === f.index))
  const measured = [...rings.features, ...refusedFeatures.map(measurable).filter((f): f is BoundaryFeature => f !== null)]
  const reasons = [...read.problems, ...rings.refused, ...codes.refused]
  let cover: Coverage
  try {
    cover = coverage(measured, inForce.parent)
  } catch (err) {
    // The polygon clipper gives up on some degenerate shapes: say so rather than fail without a report.
    reasons.push(`the cover of ${inForce.parentName} could not be measured (${(err as Error).message}): check the features' rings`)
    cover = { parentKm2: 0, layerKm2: 0, gapKm2: 0, overlapKm2: 0, outsideKm2: 0, gaps: [], overlaps: [], outside: [] }
  }
  const check = (what: string, km2: number, list: Piece[]) => {
    const share = pct(km2, cover.parentKm2)
    if (share > tolerancePct) reasons.push(`${what} of ${fmt(km2)} km² (${share.toFixed(3)} % of ${inForce.parentName}) exceed the tolerance of ${tolerancePct} %: ${piecesText(list)}`)
  }
  check('gaps', cover.gapKm2, cover.gaps)
  check('overlaps', cover.overlapKm2, cover.overlaps)
  check('areas outside', cover.outsideKm2, cover.outside)
  if (read.features.length === 0 && read.problems.length === 0) reasons.push('the file has no features')
  const areas = rings.features.map((f) => ({ code: f.code, name: f.name, km2: area(asFeature(f.geometry)) / 1e6, inForceKm2: inForce.known.get(f.code)?.km2 ?? null }))
  return { level, features: read.features.length, repaired: rings.repaired, refused: rings.refused, codes, coverage: cover, tolerancePct, areas, reasons, accepted: rings.features }
}

/** The report as lines of text, in the order a person checks them. */
export function reportLines(r: ValidationReport, parentName: string): string[] {
  const c = r.coverage
  const lines = [
    `${r.features} ${r.level} feature(s) read; codes: ${r.codes.matched} matched the ${r.level}s in force, ${r.codes.added.length} new, ${r.codes.dropped.length} in force but not in the file`,
  ]
  if (r.codes.added.length) lines.push(`  new codes: ${some(r.codes.added)}`)
  if (r.codes.dropped.length) lines.push(`  not in the file: ${some(r.codes.dropped)}`)
  lines.push(`repairs: ${r.repaired.length ? '' : 'none'}`, ...r.repaired.map((s) => `  ${s}`))
  lines.push(`cover of ${parentName} (${fmt(c.parentKm2)} km²; tolerance ${r.tolerancePct} % each):`,
    `  gaps      ${fmt(c.gapKm2)} km² (${pct(c.gapKm2, c.parentKm2).toFixed(4)} %)${c.gaps.length ? `: ${piecesText(c.gaps)}` : ''}`,
    `  overlaps  ${fmt(c.overlapKm2)} km² (${pct(c.overlapKm2, c.parentKm2).toFixed(4)} %)${c.overlaps.length ? `: ${piecesText(c.overlaps)}` : ''}`,
    `  outside   ${fmt(c.outsideKm2)} km² (${pct(c.outsideKm2, c.parentKm2).toFixed(4)} %)${c.outside.length ? `: ${piecesText(c.outside)}` : ''}`)
  // A township file is read whole; of a village or grid file, the areas that changed (or are new) are what to check.
  const changed = (a: FeatureArea) => a.inForceKm2 === null || Math.abs(pct(a.km2 - a.inForceKm2, a.inForceKm2)) >= AREA_CHANGE_LISTED_PCT
  const listed = r.areas.length <= AREAS_LISTED_WHOLE ? r.areas : r.areas.filter(changed)
  lines.push(`areas (km², against the version in force)${listed.length < r.areas.length ? `: ${r.areas.length - listed.length} within ${AREA_CHANGE_LISTED_PCT} % of it not listed` : ''}:`)
  for (const a of listed) {
    const was = a.inForceKm2 === null ? 'new' : `${fmt(a.inForceKm2)}, ${pct(a.km2 - a.inForceKm2, a.inForceKm2) >= 0 ? '+' : ''}${pct(a.km2 - a.inForceKm2, a.inForceKm2).toFixed(3)} %`
    lines.push(`  ${a.code} ${a.name.padEnd(8, '　')} ${fmt(a.km2).padStart(9)}  (${was})`)
  }
  lines.push(r.reasons.length ? `REFUSED — nothing written:` : 'valid', ...r.reasons.map((s) => `  ${s}`))
  return lines
}
