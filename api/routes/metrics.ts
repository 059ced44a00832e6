// /api/metrics: summary, timeseries, breakdown and choropleth of the metrics in domain/metrics.ts, and the
// article's stored figures (indicators, staffing). Malformed input is 400; well-formed names of nothing we know
// (a metric, interval, dimension, level or region) are 422 with the valid choices.
import { Hono } from 'hono'
import type { Context } from 'hono'
import type { MetricId } from '../../domain/metrics'
import { METRIC_IDS, isMetricId } from '../../domain/metrics'
import { ApiError, badRequest } from '../errors'
import { parseIncidentFilters } from '../http/incident-filters'
import { parseAsOf, parseRange } from '../http/query'
import { readableMetrics, requireMetric } from '../auth/metric-access'
import { requireScope, scopeOf, who } from '../auth/policy'
import type { AuthEnv } from '../auth/principal'
import { withinOf } from '../auth/within-area'
import type { SelectionAreas } from '../services/selection-area'
import { COUNTY_CODE, scopeLevel } from '../../domain/regions'
import type { FigureService } from '../services/metric-figures'
import { TIMESERIES_METRICS, breakdownDims, isRegionDim, readsMedian } from '../services/metric-formulas'
import type { Dimension, MetricRequest, MetricService } from '../services/metrics'
import type { RegionStats } from '../services/region-stats'
import { INTERVAL_IDS } from '../services/time-buckets'
import type { ScoreboardService } from '../services/scoreboard'
import type { ScoreboardMetricId } from '../../domain/scoreboard'
import { TOWNSHIP_CHOROPLETH_METRIC_IDS, isTownshipChoroplethMetric } from '../../domain/scoreboard'
import { INCIDENT_FILTER_PARAMS } from '../http/incident-filters'

const LEVEL_IDS = ['township', 'grid'] as const

const unknown = (code: string, message: string) => new ApiError(422, code, message)

/** A required or defaulted one-of parameter: missing (without a default) is 400, a value outside `allowed` 422. */
function oneOf<T extends string>(c: Context, name: string, allowed: readonly T[], fallback?: T, code = `unknown_${name}`): T {
  const raw = c.req.query(name)
  if (raw === undefined || raw === '') {
    if (fallback !== undefined) return fallback
    throw badRequest(`${name} is required: one of ${allowed.join(', ')}`, 'missing_parameter')
  }
  if (!allowed.includes(raw as T)) throw unknown(code, `${name}="${raw}" is not valid here; valid: ${allowed.join(', ')}`)
  return raw as T
}

/** The metric named: 422 if it is none, 403 if the caller's role may not read it, 422 if `allowed` leaves it out. */
const parseMetric = (c: Context, allowed: readonly MetricId[] = METRIC_IDS): MetricId => {
  const raw = c.req.query('metric')
  const readable = readableMetrics(c)
  if (isMetricId(raw)) {
    requireMetric(c, raw)
    if (!allowed.includes(raw)) {
      throw unknown('unsupported_metric',
        `metric "${raw}" is a snapshot with no value per past bucket; metrics with a time series: ${allowed.filter((m) => readable.includes(m)).join(', ')}`)
    }
  }
  return oneOf(c, 'metric', allowed.filter((m) => readable.includes(m)), undefined, 'unknown_metric')
}

/**
 * A scoreboard figure per township (domain/scoreboard.ts TOWNSHIP_CHOROPLETH_METRIC_IDS), from the scoreboard: a
 * township as a unit of assessment, over all its assigned work. So no grids (422 naming level=township), no drawn
 * area and no incident filters (422 naming them: the figure would not be narrowed by them). Every township side by
 * side is the county's view, as for every township choropleth.
 */
async function scoreboardChoropleth(c: Context, level: (typeof LEVEL_IDS)[number], metric: ScoreboardMetricId, scoreboard: ScoreboardService) {
  if (level !== 'township') {
    throw unknown('unsupported_metric', `metric "${metric}" is a scoreboard figure of townships as units; it has no value per grid: send level=township`)
  }
  const narrowing = ['township', 'within', ...INCIDENT_FILTER_PARAMS].filter((p) => c.req.query(p) !== undefined && c.req.query(p) !== '')
  if (narrowing.length) {
    throw unknown('unsupported_filter', `metric "${metric}" is a scoreboard figure over all of a township's work; leave out ${narrowing.join(', ')}`)
  }
  requireScope(c, COUNTY_CODE)
  const { from, to, values } = await scoreboard.townshipValues(metric, parseRange(c))
  return { level, metric, from, to, values }
}

/**
 * The optional second dimension of a breakdown: another of the metric's dimensions, not a region (a region split
 * of every item would be a choropleth per item), and not for a median, which does not add up across a split.
 */
function parseThen(c: Context, metric: MetricId, by: Dimension): Dimension | undefined {
  const raw = c.req.query('then')
  if (raw === undefined || raw === '') return undefined
  if (readsMedian(metric)) throw unknown('unsupported_split', `metric "${metric}" is a median; it cannot be split two ways (leave out then=)`)
  const allowed = breakdownDims(metric).filter((d) => d !== by && !isRegionDim(d))
  return oneOf<Dimension>(c, 'then', allowed)
}

export function metricRoutes(service: MetricService, figures: FigureService, regions: RegionStats, areas: SelectionAreas, scoreboard: ScoreboardService) {
  const region = (id: string, what: string) => {
    if (!regions.has(id)) throw unknown('unknown_region', `${what} "${id}" is not a region of 泰顺县; see /api/regions for the codes`)
    return id
  }
  const request = (c: Context): MetricRequest => {
    const scope = region(scopeOf(c), 'scope')
    return { scope, range: parseRange(c), filter: parseIncidentFilters(c), within: withinOf(c, areas), asOf: parseAsOf(c) }
  }

  return new Hono<AuthEnv>()
    // Only the metrics the caller's role may read (auth/metric-access.ts): the others are absent, not null.
    .get('/summary', async (c) => c.json(await service.summary(request(c), readableMetrics(c))))
    .get('/timeseries', async (c) => {
      const metric = parseMetric(c, TIMESERIES_METRICS)
      return c.json(await service.timeseries(metric, oneOf(c, 'interval', INTERVAL_IDS, 'day'), request(c)))
    })
    .get('/breakdown', async (c) => {
      const metric = parseMetric(c)
      const by = oneOf<Dimension>(c, 'by', breakdownDims(metric))
      return c.json(await service.breakdown(metric, by, request(c), parseThen(c, metric, by)))
    })
    .get('/choropleth', async (c) => {
      const level = oneOf(c, 'level', LEVEL_IDS, 'township')
      const named = c.req.query('metric')
      if (isTownshipChoroplethMetric(named)) return c.json(await scoreboardChoropleth(c, level, named, scoreboard))
      if (named !== undefined && named !== '' && !isMetricId(named)) {
        throw unknown('unknown_metric', `metric="${named}" is not valid here; valid: ${readableMetrics(c).join(', ')}; at level=township also: ${TOWNSHIP_CHOROPLETH_METRIC_IDS.join(', ')}`)
      }
      const metric = parseMetric(c)
      const raw = c.req.query('township')
      const township = raw === undefined || raw === '' ? undefined : region(raw, 'township')
      if (township !== undefined && scopeLevel(township) !== 'township') throw unknown('unknown_region', `township "${raw}" is not a township code (9 digits)`)
      // Every township side by side, or every grid of the county, is a county view; a township's grids, that township's.
      requireScope(c, level === 'grid' && township !== undefined ? township : COUNTY_CODE)
      return c.json(await service.choropleth(level, metric, township, { range: parseRange(c), filter: parseIncidentFilters(c), within: withinOf(c, areas), asOf: parseAsOf(c) }))
    })
    .get('/indicators', async (c) => {
      // Left out, the scope is everything the caller may see: every stored scope for the county, else their own.
      const county = who(c).reach.level === 'county'
      const scope = c.req.query('scope') === undefined && county ? undefined : region(scopeOf(c), 'scope')
      const { from, to } = parseRange(c)
      return c.json(await figures.indicators(scope, from, to))
    })
    .get('/staffing', async (c) => {
      requireScope(c, COUNTY_CODE)
      return c.json(await figures.staffing())
    })
}
