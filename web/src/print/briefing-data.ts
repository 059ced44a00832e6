// Everything one briefing prints, read from the API with the view's period and asOf (so every figure is the one
// the dashboard shows for the same view): the summary, the series and breakdowns, the region values for the map
// and the ranking, the day's urgent incidents, the ten longest overdue, the warnings raised and the scoreboard.
import type { FeatureCollection, Geometry } from 'geojson'
import { getAllPages, getPrint } from './print-api'
import type { PrintView } from './print-query'
import { viewQuery } from './print-query'

const COUNTY = '330329'
const DAY = 86_400_000
const LOCAL = 8 * 3600_000

export interface Named { id: string; name: string; nameEn: string }
export interface Reference {
  county: { code: string; name: string; nameEn: string }
  categories: Named[]
  modules: (Named & { group: string })[]
  moduleGroups: Named[]
  departments: Named[]
  dispute: { levels: Named[] }
  incident: { severities: Named[]; statuses: Named[] }
}
export type RegionCollection = FeatureCollection<Geometry, { id: string; name: string; nameEn?: string; labelAt?: [number, number] }>
export interface IncidentFeature {
  properties: { id: number; category: string; department: string | null; severity: string; status: string; township: string; grid: string; reportedAt: string; overdue: boolean; dueAt: string | null }
}
export interface AlertFeature { properties: { id: number; rule: string; level: string; status: string; title: string; raisedAt: string } }
interface Choropleth { values: Record<string, number | null> }
interface Breakdown { items: { key: string; value: number }[] }
interface Timeseries { points: { t: string; value: number }[] }
export interface ScoreRow { unit: { code: string; name: string }; values: Record<string, number | null> }

export interface RankRow { code: string; name: string; reports: number; open: number; overdue: number; closureRate: number | null; onTimeRate: number | null; satisfaction: number | null }

export interface BriefingData {
  reference: Reference
  scopeName: string
  /** The areas the map colours: the county's townships, or a township's grids. */
  areas: RegionCollection
  outline: RegionCollection
  summary: Record<string, number | null>
  trend: { interval: 'day' | 'week' | 'month'; points: { t: string; value: number }[] }
  byCategory: { key: string; value: number }[]
  byModule: { key: string; value: number }[]
  disputeLevels: { key: string; value: number }[]
  /** Every area of the map, most reports first (the page prints the first rows). */
  ranking: RankRow[]
  townshipNames: Map<string, string>
  urgent: IncidentFeature[]
  overdueOldest: IncidentFeature[]
  overdueTotal: number
  alerts: AlertFeature[]
}

const intervalFor = (v: PrintView) => (v.to - v.from <= 62 * DAY ? 'day' : v.to - v.from <= 200 * DAY ? 'week' : 'month')

export async function loadBriefing(v: PrintView): Promise<BriefingData> {
  const period = viewQuery(v)
  const scoped = { scope: v.scope, ...period }
  const county = v.scope === COUNTY
  const township = v.scope.length === 9 ? v.scope : null
  const level = county ? 'township' : 'grid'
  const choro = (metric: string) => getPrint<Choropleth>('/api/metrics/choropleth', { level, metric, township: township ?? undefined, ...period })
  // The day asOf falls in (its last millisecond's day: asOf at midnight reads the day that just ended), or the
  // period's last day when asOf is after the period.
  const dayStart = Math.floor((Math.min(v.asOf, v.to) - 1 + LOCAL) / DAY) * DAY - LOCAL
  const interval = intervalFor(v)

  const [reference, townships, countyShape, summary, trend, byCategory, byModule, disputeLevels, reports, open, overdue, closure, scoreboard, urgent, overdueList, alerts] = await Promise.all([
    getPrint<Reference>('/api/reference'),
    getPrint<RegionCollection>('/api/regions/townships'),
    getPrint<RegionCollection>('/api/regions/county'),
    getPrint<{ metrics: Record<string, number | null> }>('/api/metrics/summary', scoped),
    getPrint<Timeseries>('/api/metrics/timeseries', { metric: 'reports', interval, ...scoped }),
    getPrint<Breakdown>('/api/metrics/breakdown', { metric: 'reports', by: 'category', ...scoped }),
    getPrint<Breakdown>('/api/metrics/breakdown', { metric: 'reports', by: 'module', ...scoped }),
    getPrint<Breakdown>('/api/metrics/breakdown', { metric: 'disputes', by: 'level', ...scoped }),
    choro('reports'), choro('open'), choro('overdue'), choro('closureRate'),
    getPrint<{ rows: ScoreRow[] }>('/api/scoreboard', { by: 'township', ...period }).catch(() => ({ rows: [] as ScoreRow[] })),
    getAllPages<IncidentFeature>('/api/incidents', { scope: v.scope, severity: 'urgent,critical', from: new Date(Math.max(dayStart, v.from)).toISOString(), to: period.to, asOf: period.asOf }),
    getAllPages<IncidentFeature>('/api/incidents', { ...scoped, overdue: 'true' }),
    getAllPages<AlertFeature>('/api/alerts', scoped, 5000),
  ])
  const grids = township ? await getPrint<RegionCollection>('/api/regions/grids', { township }) : null
  const areas = grids ?? townships
  const outline = township ? { ...townships, features: townships.features.filter((f) => f.properties.id === township) } : countyShape
  const names = new Map(areas.features.map((f) => [f.properties.id, f.properties.name]))
  const scores = new Map(scoreboard.rows.map((r) => [r.unit.code, r.values]))
  const ranking = Object.keys(reports.values).map((code) => ({
    code, name: names.get(code) ?? code,
    reports: reports.values[code] ?? 0, open: open.values[code] ?? 0, overdue: overdue.values[code] ?? 0,
    closureRate: closure.values[code] ?? null,
    onTimeRate: scores.get(code)?.onTimeRate ?? null, satisfaction: scores.get(code)?.callbackSatisfaction ?? null,
  })).sort((a, b) => b.reports - a.reports || a.code.localeCompare(b.code))
  // The list is newest first: the oldest are at its end. A report's age runs from its report to asOf.
  const oldest = [...overdueList.features].sort((a, b) => Date.parse(a.properties.reportedAt) - Date.parse(b.properties.reportedAt)).slice(0, 10)
  const scopeName = county ? reference.county.name : (townships.features.find((f) => f.properties.id === v.scope)?.properties.name ?? v.scope)
  return {
    reference, scopeName, areas, outline,
    summary: summary.metrics,
    trend: { interval, points: trend.points },
    byCategory: byCategory.items, byModule: byModule.items, disputeLevels: disputeLevels.items,
    ranking,
    townshipNames: new Map(townships.features.map((f) => [f.properties.id, f.properties.name])),
    urgent: urgent.features.sort((a, b) => Date.parse(b.properties.reportedAt) - Date.parse(a.properties.reportedAt)),
    overdueOldest: oldest, overdueTotal: overdueList.features.length,
    alerts: alerts.features,
  }
}
