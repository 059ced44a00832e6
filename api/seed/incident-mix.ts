// What gets reported: the mix of incident types, severities and sources. Types weigh differently in town
// communities and in the countryside, and a few follow the seasons (typhoons in summer, field burning and
// forest fires in the dry months). Off-list pushes are held to a share the preset chooses, so the
// burden-shifting the 属地管理 list was meant to stop can be shown falling month by month.
import type { IncidentType, IncidentTypeId } from '../../domain/catalogue'
import { INCIDENT_TYPES } from '../../domain/catalogue'
import type { IncidentSource, Severity } from '../../domain/incident'
import type { Rng } from './random'
import { Weighted } from './random'

/** Relative frequency in [urban, rural]; types not listed weigh 1 in both. */
const BASE: Partial<Record<IncidentTypeId, readonly [number, number]>> = {
  'road-occupation': [8, 1.5], 'illegal-stacking': [5, 5], 'village-environment': [1, 7], 'waste-sorting': [5, 3],
  'illegal-building': [2, 3], 'neighbour-conflict': [3, 4], 'elderly-alone': [2, 4], 'floating-population': [4, 1],
  'rental-housing': [4, 1], 'ebike-charging': [4, 1], 'small-venue-fire': [3, 1.5], 'rural-road': [0.5, 3],
  'open-burning': [0.5, 2], 'cooking-fumes': [3, 0.3], 'food-safety': [2, 1], 'traffic-risk': [1.5, 2.5],
  'hardship-relief': [1.5, 2.5], 'drinking-water': [0.3, 2], 'pine-wilt': [0.1, 2], 'abandoned-farmland': [0.1, 1.5],
  'muck-truck': [2, 0.5], 'unlicensed-business': [2, 0.5], 'estate-dispute': [2, 0.1], 'homestead': [0.2, 2],
  'rural-sewage': [0.2, 1.5], 'construction-safety': [2, 0.8], 'dilapidated-house': [0.5, 2], 'illegal-logging': [0.1, 1],
}

/** Month-of-year factors (January first) for the seasonal types. */
const SEASON: Partial<Record<IncidentTypeId, readonly number[]>> = {
  'flood-evacuation': [0, 0, 0.2, 0.5, 1.5, 3, 5, 6, 5, 1, 0.2, 0],
  'geohazard': [0.3, 0.3, 0.8, 1.2, 2, 3, 2.5, 2.5, 1.5, 0.5, 0.3, 0.3],
  'reservoir-safety': [0.5, 0.5, 0.8, 1, 1.5, 2, 2, 2, 1.5, 0.8, 0.5, 0.5],
  'forest-fire-risk': [3, 3, 2.5, 2, 0.5, 0.2, 0.2, 0.2, 0.5, 1.5, 2.5, 3],
  'open-burning': [2, 2, 2.5, 1.5, 0.5, 0.3, 0.3, 0.5, 1, 1.5, 2, 2],
  'illegal-fireworks': [4, 3, 0.5, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.5, 1, 3],
  'vector-breeding': [0.2, 0.2, 0.5, 1, 2, 3, 3, 3, 2, 1, 0.3, 0.2],
  'rural-banquet': [2, 2.5, 1, 0.8, 0.8, 0.6, 0.6, 0.6, 0.8, 1.5, 1.5, 2],
}

export class IncidentMix {
  private readonly tables = new Map<string, Weighted<IncidentType>>()

  /** The share of off-list pushes among reports in a given month of the preset (0-based). */
  constructor(private readonly offListShare: (monthIndex: number) => number) {}

  type(rng: Rng, p: { urban: boolean; monthIndex: number; monthOfYear: number }): IncidentType {
    const key = `${p.urban ? 'u' : 'r'}:${p.monthIndex}:${p.monthOfYear}`
    let table = this.tables.get(key)
    if (!table) {
      table = this.build(p.urban, this.offListShare(p.monthIndex), p.monthOfYear)
      this.tables.set(key, table)
    }
    return table.draw(rng)
  }

  private build(urban: boolean, offShare: number, monthOfYear: number): Weighted<IncidentType> {
    const weight = (t: IncidentType) => (BASE[t.id]?.[urban ? 0 : 1] ?? 1) * (SEASON[t.id]?.[monthOfYear] ?? 1)
    const on = INCIDENT_TYPES.filter((t) => t.onList)
    const off = INCIDENT_TYPES.filter((t) => !t.onList)
    const onTotal = on.reduce((s, t) => s + weight(t), 0)
    // Scale the off-list weights so they make up exactly offShare of the table.
    const offScale = (onTotal * offShare) / (1 - offShare) / off.reduce((s, t) => s + weight(t), 0)
    return new Weighted([...on.map((t): [IncidentType, number] => [t, weight(t)]), ...off.map((t): [IncidentType, number] => [t, weight(t) * offScale])])
  }
}

// Safety matters are more often urgent; across the whole mix this gives about 75 / 20 / 5 %.
const SEVERITY_SAFETY = new Weighted<Severity>([['normal', 0.62], ['urgent', 0.29], ['critical', 0.09]])
const SEVERITY_OTHER = new Weighted<Severity>([['normal', 0.785], ['urgent', 0.177], ['critical', 0.038]])

export function severityFor(rng: Rng, type: IncidentType): Severity {
  return (type.category === 'safety' ? SEVERITY_SAFETY : SEVERITY_OTHER).draw(rng)
}

const SOURCE_ON_LIST = new Weighted<IncidentSource>([['patrol', 0.48], ['hotline', 0.2], ['app', 0.14], ['camera', 0.1], ['department', 0.08]])
// Off-list matters are by definition pushed down by departments; a few arrive by phone or patrol.
const SOURCE_OFF_LIST = new Weighted<IncidentSource>([['department', 0.82], ['hotline', 0.08], ['patrol', 0.06], ['app', 0.04]])
// Cameras see streets, rivers and fields, not a resident in hardship.
const CAMERA_CATEGORIES: ReadonlySet<string> = new Set(['enforcement', 'urban-rural', 'environment'])

export function sourceFor(rng: Rng, type: IncidentType): IncidentSource {
  const source = (type.onList ? SOURCE_ON_LIST : SOURCE_OFF_LIST).draw(rng)
  return source === 'camera' && !CAMERA_CATEGORIES.has(type.category) ? 'patrol' : source
}
