// What the leader is looking at: scope, time range, layers, choropleth metric and filters. It is all in the URL
// (?scope=330329101&range=30d&layers=…&metric=…&within=…), so a link restores the same view and Back goes back.
import type { Polygon } from 'geojson'
import type { Window } from '../../../domain/calendar'
import { localDate, localDateStart } from '../../../domain/calendar'
import { isOneOf } from '../../../domain/label'
import { CHOROPLETH_METRIC_IDS } from '../../../domain/metrics'
import type { ChoroplethMetric } from '../../../domain/metrics'
import { isTownshipChoroplethMetric } from '../../../domain/scoreboard'
import type { ScoreboardMetricId } from '../../../domain/scoreboard'
import { DEFAULT_RANGE_PRESET, RANGE_PRESET_IDS, presetWindow } from '../../../domain/range-presets'
import { COUNTY_CODE, isScopeCode } from '../../../domain/regions'
import { DAY } from '../../../domain/time'
import { withinFromUrl, withinText } from '../selection/within-param'

export const RANGE_PRESETS = [...RANGE_PRESET_IDS, 'custom'] as const
export type RangePreset = (typeof RANGE_PRESETS)[number]

export const LAYER_IDS = ['townships', 'grids', 'alerts', 'incidents', 'heatmap', 'disputes', 'sites', 'whistles'] as const
export type LayerId = (typeof LAYER_IDS)[number]
export const DEFAULT_LAYERS: LayerId[] = ['townships', 'grids', 'alerts', 'incidents', 'sites', 'whistles']

export const FILTER_KEYS = ['category', 'module', 'status', 'source', 'severity'] as const
export type FilterKey = (typeof FILTER_KEYS)[number]

export interface ViewState {
  scope: string
  range: RangePreset
  /** Only for range=custom: YYYY-MM-DD, inclusive. */
  from: string | null
  to: string | null
  layers: LayerId[]
  metric: MapMetric
  filters: Partial<Record<FilterKey, string[]>>
  /** 清单外 only. */
  offList: boolean
  /** The open detail drawer, e.g. "incident:123". */
  selected: string | null
  /** The area selected on the map (one ring, ≤ 200 positions): every figure, list and layer is narrowed to it. */
  within: Polygon | null
  /**
   * The instant figures and lists are read as of (?asOf=, domain/as-of.ts), as the API takes it; null: the API's
   * default, the range's end or now, whichever is earlier.
   */
  asOf: string | null
}

/**
 * What the map may be coloured by: a dashboard metric (CHOROPLETH_METRIC_IDS), or at the county a 考核 scoreboard
 * figure of the townships (domain/scoreboard.ts TOWNSHIP_CHOROPLETH_METRIC_IDS), which has no value per grid.
 */
export type MapMetric = ChoroplethMetric | ScoreboardMetricId

/** The metric the view at `scope` shows: a scoreboard figure only at the county, else the default. */
export function metricAt(scope: string, metric: unknown): MapMetric {
  if (isOneOf(CHOROPLETH_METRIC_IDS, metric)) return metric
  return isTownshipChoroplethMetric(metric) && scope === COUNTY_CODE ? metric : DEFAULT_VIEW.metric
}

export const DEFAULT_VIEW: ViewState = {
  scope: COUNTY_CODE, range: DEFAULT_RANGE_PRESET, from: null, to: null, layers: DEFAULT_LAYERS, metric: 'reports',
  filters: {}, offList: false, selected: null, within: null, asOf: null,
}

const DATE = /^\d{4}-\d{2}-\d{2}$/

export function parseView(search: string): ViewState {
  const q = new URLSearchParams(search)
  const scope = q.get('scope')
  const range = q.get('range')
  const metric = q.get('metric')
  const layers = q.get('layers')
  const from = q.get('from')
  const to = q.get('to')
  const filters: ViewState['filters'] = {}
  for (const key of FILTER_KEYS) {
    const v = q.get(key)
    if (v) filters[key] = v.split(',').filter(Boolean)
  }
  const custom = from !== null && to !== null && DATE.test(from) && DATE.test(to)
  const shown = isScopeCode(scope) ? scope : COUNTY_CODE
  return {
    scope: shown,
    range: custom ? 'custom' : isOneOf(RANGE_PRESETS, range) && range !== 'custom' ? range : DEFAULT_VIEW.range,
    from: custom ? from : null,
    to: custom ? to : null,
    layers: layers === null ? DEFAULT_LAYERS : layers.split(',').filter((l): l is LayerId => isOneOf(LAYER_IDS, l)),
    metric: metricAt(shown, metric),
    filters,
    offList: q.get('offList') === '1',
    selected: q.get('sel'),
    within: withinFromUrl(q.get('within')),
    asOf: AS_OF.test(q.get('asOf') ?? '') ? q.get('asOf') : null,
  }
}

/** What ?asOf= may hold: a date, an ISO time or epoch ms (the API checks it; this only keeps junk out of requests). */
const AS_OF = /^(\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?|\d{1,15})$/

/** True when the URL names a range: the view then opens on it, whatever the data's period. */
export const urlNamesRange = (search: string) => ['range', 'from', 'to'].some((k) => new URLSearchParams(search).has(k))

/**
 * The data's own period as custom dates (first and last local day, inclusive) when the data ended before the
 * default range begins — a data set of the past (a preset of 2020) would otherwise open on an empty 近30天 and read
 * every deadline against today. Null when the default range holds data, or there is none.
 */
export function dataPeriod(dataStart: string | null, dataEnd: string | null, now: number): { from: string; to: string } | null {
  if (dataStart === null || dataEnd === null) return null
  const start = Date.parse(dataStart)
  const end = Date.parse(dataEnd)
  if (!Number.isFinite(start) || !Number.isFinite(end) || end >= presetWindow(DEFAULT_RANGE_PRESET, now).from) return null
  return { from: localDate(start), to: localDate(end) }
}

/** The query string for a view; defaults are left out so links stay short. `lang` is carried through. */
export function serializeView(v: ViewState, lang: string | null): string {
  const q = new URLSearchParams()
  if (v.scope !== COUNTY_CODE) q.set('scope', v.scope)
  if (v.range === 'custom' && v.from && v.to) { q.set('from', v.from); q.set('to', v.to) } else if (v.range !== DEFAULT_VIEW.range) q.set('range', v.range)
  if (v.layers.join(',') !== DEFAULT_LAYERS.join(',')) q.set('layers', v.layers.join(','))
  if (v.metric !== DEFAULT_VIEW.metric) q.set('metric', v.metric)
  for (const key of FILTER_KEYS) { const f = v.filters[key]; if (f?.length) q.set(key, f.join(',')) }
  if (v.offList) q.set('offList', '1')
  if (v.selected) q.set('sel', v.selected)
  if (v.within) q.set('within', withinText(v.within))
  if (v.asOf) q.set('asOf', v.asOf)
  if (lang) q.set('lang', lang)
  const s = q.toString()
  return s ? `?${s}` : ''
}

/**
 * The [from, to) instants of a view's range at `now`: a preset's whole local days (domain/range-presets.ts, the
 * API's default period too), or a custom range's dates, its last day included.
 */
export function rangeInstants(v: Pick<ViewState, 'range' | 'from' | 'to'>, now: number): Window {
  if (v.range !== 'custom') return presetWindow(v.range, now)
  const from = localDateStart(v.from ?? '')
  const to = localDateStart(v.to ?? '') + DAY
  return Number.isFinite(from) && Number.isFinite(to) && to > from ? { from, to } : presetWindow(DEFAULT_RANGE_PRESET, now)
}
