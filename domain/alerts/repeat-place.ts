// Repeat place (一件事): the same matter reported again and again — `minReports` or more reports of one category
// within `radiusM` metres of the first of them and `days` days after it, none merged yet — is one merge
// candidate, whichever grid or village each fell in, as long as they lie in one township (a township handles one
// case; two townships' reports are two cases). Clusters grow from the earliest report: each report joins the
// earliest open cluster of its category whose anchor lies within reach in space and time, so a chain of reports
// 90 m apart cannot walk a "place" across a village, and each report is in one candidate at most.
import type { Instant } from '../time'
import { DAY } from '../time'
import type { AlertLevel, AlertRuleSpec, ParamValues } from './rule'
import { defaultParams } from './rule'

export const REPEAT_PLACE_RULE = {
  id: 'repeat-place', name: '重复上报（一件事）', nameEn: 'Repeat place (one matter)',
  params: [
    { id: 'minReports', name: '最少上报数', nameEn: 'Reports at least', default: 3, min: 2, max: 50, integer: true, unit: 'reports' },
    { id: 'radiusM', name: '距离', nameEn: 'Within', default: 100, min: 10, max: 1000, unit: 'm' },
    { id: 'days', name: '时间窗', nameEn: 'Within days', default: 30, min: 1, max: 180, integer: true, unit: 'days' },
  ],
} as const satisfies AlertRuleSpec

const DEFAULTS = defaultParams(REPEAT_PLACE_RULE)

export interface PlacedReport {
  readonly id: number
  readonly category: string
  readonly township: string
  readonly lng: number
  readonly lat: number
  readonly at: Instant
}

export interface RepeatPlace {
  readonly category: string
  readonly township: string
  /** The earliest report: the place is within the radius of it. */
  readonly anchor: PlacedReport
  /** Every report of the place, the anchor first, in time order. */
  readonly reports: readonly PlacedReport[]
  readonly level: AlertLevel
}

const EARTH_M = 6_371_008.8
/** Metres in a degree of latitude (and of longitude on the equator). */
const METRES_PER_DEGREE = (EARTH_M * Math.PI) / 180
/** Metres between two WGS84 points (haversine; exact enough at a county's scale). */
export function metresBetween(a: { lng: number; lat: number }, b: { lng: number; lat: number }): number {
  const rad = Math.PI / 180
  const dLat = (b.lat - a.lat) * rad
  const dLng = (b.lng - a.lng) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** 6 or more reports of one matter: 橙; fewer (3–5 at the default minimum): 黄. A repeat place alone is never 红. */
export function repeatPlaceLevel(count: number): AlertLevel {
  return count >= 6 ? 'orange' : 'yellow'
}

/**
 * The merge candidates among `reports` (unmerged ones only: the caller leaves merged reports out). Any order in,
 * candidates out by their anchor's time.
 */
export function findRepeatPlaces(reports: readonly PlacedReport[], given: ParamValues = {}): RepeatPlace[] {
  const params = { ...DEFAULTS, ...given }
  const radius = params.radiusM!
  const span = params.days! * DAY
  const sorted = [...reports].sort((a, b) => a.at - b.at || a.id - b.id)
  // Clusters are found through a grid of cells at least `radius` wide, so a report looks at the clusters anchored in
  // its cell and the eight around it, not at every open one (a county seat's month holds thousands): the cells are
  // sized for the report farthest from the equator, where a degree of longitude is shortest.
  const minCos = sorted.reduce((m, r) => Math.min(m, Math.cos((r.lat * Math.PI) / 180)), 1)
  const cellLat = radius / METRES_PER_DEGREE
  const cellLng = radius / (METRES_PER_DEGREE * Math.max(minCos, 1e-6))
  const cellOf = (r: PlacedReport) => [Math.floor(r.lng / cellLng), Math.floor(r.lat / cellLat)] as const
  const cells = new Map<string, Cluster[]>()
  const all: Cluster[] = []
  for (const r of sorted) {
    const [cx, cy] = cellOf(r)
    // The earliest cluster of its kind still within its window whose anchor is within reach: the one it joins.
    let home: Cluster | undefined
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const c of cells.get(`${r.category}|${r.township}|${cx + dx}|${cy + dy}`) ?? []) {
          if (r.at - c.anchor.at > span || (home && home.seq < c.seq)) continue
          if (metresBetween(c.anchor, r) <= radius) home = c
        }
      }
    }
    if (home) {
      home.reports.push(r)
      continue
    }
    const cluster: Cluster = { seq: all.length, anchor: r, reports: [r] }
    all.push(cluster)
    const key = `${r.category}|${r.township}|${cx}|${cy}`
    const list = cells.get(key)
    if (list) list.push(cluster)
    else cells.set(key, [cluster])
  }
  return all
    .filter((c) => c.reports.length >= params.minReports!)
    .sort((a, b) => a.anchor.at - b.anchor.at || a.anchor.id - b.anchor.id)
    .map((c) => ({ category: c.anchor.category, township: c.anchor.township, anchor: c.anchor, reports: c.reports, level: repeatPlaceLevel(c.reports.length) }))
}

interface Cluster { readonly seq: number; readonly anchor: PlacedReport; readonly reports: PlacedReport[] }
