// One boundary import: read and reproject the file, validate it against the level in force at its valid_from, and
// (unless refused or a dry run) store it as a new version. The caller prints the report and decides on --reassign.
import { basename } from 'node:path'
import { cliEntry } from '../../auth/audit'
import type { BoundaryLevel, BoundaryVersion } from '../../store/boundaries'
import type { Store } from '../../store'
import type { BoundaryTimeline } from '../../services/boundary-timeline'
import { boundaryTimeline } from '../../services/boundary-timeline'
import type { RegionCollection, Regions } from '../../services/regions'
import { readLayer } from '../../services/regions'
import type { ReassignPlan } from './reassign'
import { applyReassign, planReassign } from './reassign'
import type { ReadOptions } from './features'
import { readFeatures } from './features'
import { readWgs84 } from './gdal'
import { levelInForce } from './in-force'
import type { ValidationReport } from './validate'
import { reportLines, validate } from './validate'

export interface BoundaryImportOptions extends ReadOptions {
  level: BoundaryLevel
  file: string
  layer?: string
  validFrom: number
  tolerancePct: number
  now: number
  /** Who ran it, as the audit log names command-line runs. */
  actor: string
  /** Validate and report only. */
  dryRun: boolean
  /**
   * Records dated from valid_from on: 'count' says how many would move and writes nothing (the command's first
   * step); 'apply' stores the version and moves them in one transaction.
   */
  reassign?: 'count' | 'apply'
}

export interface BoundaryImportResult {
  report: ValidationReport
  lines: string[]
  /** The version as stored (or as it would be, on a dry run or a refusal: id 0). */
  version: BoundaryVersion
  stored: boolean
  /** With --reassign: what moves (or moved). */
  reassign: ReassignPlan | null
}

/** The built files as they are on disk, grid staff unmasked: what a new version carries over. */
export const builtRegions = (): Regions => ({
  county: readLayer('county'), townships: readLayer('townships'), villages: readLayer('villages'), grids: readLayer('grids'),
})

/** The store's versions over the built files, as stored (nothing masked: this is what new versions are made of). */
export async function storedTimeline(store: Store, base: Regions = builtRegions(), extra: BoundaryVersion[] = []): Promise<BoundaryTimeline> {
  return boundaryTimeline(base, [...await store.boundaries.all(), ...extra], (_layer, fc) => fc)
}

export async function importBoundaries(store: Store, opts: BoundaryImportOptions, base: Regions = builtRegions()): Promise<BoundaryImportResult> {
  const { layer: layerName, collection } = await readWgs84(opts.file, opts.layer)
  const read = readFeatures(collection, opts)
  const inForce = levelInForce(await storedTimeline(store, base), opts.level, opts.validFrom)
  const report = validate(read, opts.level, inForce, opts.tolerancePct)
  const lines = reportLines(report, inForce.parentName)
  const geojson = JSON.stringify(versionCollection(report, inForce.layer))
  const source = `${basename(opts.file)}${opts.layer ? ` (layer ${layerName})` : ''}`
  const version: BoundaryVersion = {
    id: 0, level: opts.level, validFrom: opts.validFrom, geojson, features: report.accepted.length, source, createdAt: opts.now, createdBy: opts.actor,
  }
  if (report.reasons.length > 0) return { report, lines, version, stored: false, reassign: null }
  // The plan places records by the timeline with the new version in it (the last import wins a tie of dates).
  const plan = opts.reassign ? await planReassign(store, await storedTimeline(store, base, [{ ...version, id: Number.MAX_SAFE_INTEGER }]), opts.validFrom) : null
  if (opts.dryRun || opts.reassign === 'count') return { report, lines, version, stored: false, reassign: plan }
  await store.transaction(async () => {
    version.id = await store.boundaries.insert({ ...version, report: JSON.stringify(reportSummary(report)) })
    const moved = plan ? await applyReassign(store, plan) : null
    await store.audit.append(cliEntry(`npm run import -- boundaries --level ${opts.level}${plan ? ' --reassign' : ''}`, `boundary-version:${version.id}`,
      JSON.stringify({ source, validFrom: opts.validFrom, features: version.features, moved }), opts.now))
  })
  return { report, lines, version, stored: true, reassign: plan }
}

/** What the store keeps of the report beside the version: the figures, not the polygons. */
function reportSummary(r: ValidationReport) {
  const { accepted: _accepted, ...rest } = r
  return rest
}

/**
 * The new version's features: id and name from the file, area computed, the levels above from the code, and what
 * else the same code had in force (a grid's households and staff) carried over, so an import of shapes alone loses
 * nothing the map shows.
 */
function versionCollection(r: ValidationReport, inForce: RegionCollection): RegionCollection {
  const before = new Map(inForce.features.map((f) => [String(f.properties.id), f.properties]))
  const areas = new Map(r.areas.map((a) => [a.code, a.km2]))
  return {
    type: 'FeatureCollection',
    features: r.accepted.map((f) => {
      const { labelAt: _l, area_km2: _a, ...carried }: Record<string, unknown> = before.get(f.code) ?? {}
      const nesting = r.level === 'township' ? {} : r.level === 'village' ? { township: f.code.slice(0, 9) } : { township: f.code.slice(0, 9), village: f.code.slice(0, 12) }
      return {
        type: 'Feature', id: f.code, geometry: f.geometry,
        properties: { ...carried, id: f.code, name: f.name || String(carried.name ?? f.code), ...nesting, area_km2: Math.round((areas.get(f.code) ?? 0) * 100) / 100 },
      }
    }),
  }
}
