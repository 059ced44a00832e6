// What /api/metrics answers: the summary, a time series, a breakdown, a choropleth, and the article's stored
// figures (indicators, staffing). api/services/metrics.ts and metric-figures.ts build them typed against these.
import { z } from 'zod'
import { METRICS_WITH_BASIS, METRIC_IDS } from '../metrics'
import { TOWNSHIP_CHOROPLETH_METRIC_IDS } from '../scoreboard'
import { IsoTime } from './common'
import { component } from './registry'

export const MetricValue = component('MetricValue', z.number().nullable(),
  `null when the metric has no basis: a ratio with nothing to divide by, an average or median over no records. Only these metrics can be null: ${METRICS_WITH_BASIS.join(', ')}. A count is never null (0 when nothing happened).`)

const metric = z.enum(METRIC_IDS)
const period = { from: IsoTime, to: IsoTime }

export const MetricSummary = component('MetricSummary', z.strictObject({
  scope: z.string(), ...period, now: IsoTime.describe('the instant the figures were computed for'),
  metrics: z.strictObject(Object.fromEntries(METRIC_IDS.map((m) => [m, MetricValue.optional()])) as Record<(typeof METRIC_IDS)[number], z.ZodOptional<typeof MetricValue>>)
    .describe('every metric the caller\'s role may read; the others are absent, not null'),
}))
export type MetricSummary = z.infer<typeof MetricSummary>

export const MetricTimeseries = component('MetricTimeseries', z.strictObject({
  metric, interval: z.string(), scope: z.string(), ...period,
  points: z.array(z.strictObject({ t: z.iso.datetime({ offset: true }).describe('bucket start, local time (UTC+8)'), value: MetricValue })),
}))
export type MetricTimeseries = z.infer<typeof MetricTimeseries>

export const MetricBreakdown = component('MetricBreakdown', z.strictObject({
  metric, by: z.string(), then: z.string().optional(), scope: z.string(), ...period,
  items: z.array(z.strictObject({
    key: z.string(), value: MetricValue,
    split: z.record(z.string(), MetricValue).optional().describe('with then=: { <then value>: metric value }'),
  })).describe('largest first, null values last'),
}))
export type MetricBreakdown = z.infer<typeof MetricBreakdown>

export const MetricChoropleth = component('MetricChoropleth', z.strictObject({
  level: z.enum(['township', 'grid']),
  metric: z.enum([...METRIC_IDS, ...TOWNSHIP_CHOROPLETH_METRIC_IDS]).describe(`a metric id; the scoreboard's ${TOWNSHIP_CHOROPLETH_METRIC_IDS.join(', ')} at level township only`),
  township: z.string().optional(), ...period,
  values: z.record(z.string(), MetricValue).describe('{ <region id>: value } for every region of the level'),
}))
export type MetricChoropleth = z.infer<typeof MetricChoropleth>

export const Indicators = component('Indicators', z.strictObject({
  indicators: z.array(z.strictObject({ id: z.string(), scope: z.string(), period: z.strictObject(period), value: z.number(), source: z.string() })),
}))
export type Indicators = z.infer<typeof Indicators>

const counts = z.record(z.string(), z.number())
export const Staffing = component('Staffing', z.strictObject({
  stationed: z.strictObject({
    domains: z.array(z.string()),
    townships: z.array(z.strictObject({ township: z.string(), name: z.string().nullable(), byDomain: counts, total: z.number() })),
    byDomain: counts,
    total: z.number(),
  }),
  flexiblePosts: z.strictObject({
    townships: z.array(z.strictObject({ township: z.string(), name: z.string().nullable(), posts: z.number() })),
    total: z.number(),
    townshipCount: z.int(),
  }),
}))
export type Staffing = z.infer<typeof Staffing>
