// The dashboard's figures: a summary of every metric for a scope and period, a metric over local time buckets, by
// a dimension, and per region for the choropleth. Each request reads each store source it needs once; the
// formulas (metric-formulas.ts) turn the parts into values the same way for every endpoint, so a breakdown or a
// choropleth adds up to the summary.
import type { MetricBreakdown, MetricChoropleth, MetricSummary, MetricTimeseries } from '../../domain/answers/metrics'
import type { MetricId, MetricValue } from '../../domain/metrics'
import { METRIC_IDS, byValueDescending } from '../../domain/metrics'
import { isoLocal, localDay, localDayStart } from '../../domain/calendar'
import { DEFAULT_RANGE_PRESET, presetWindow } from '../../domain/range-presets'
import { COUNTY_CODE } from '../../domain/regions'
import type { Range } from '../../domain/time'
import { DAY } from '../../domain/time'
import { badRequest } from '../errors'
import type { Store } from '../store'
import type { Dimension, SourceId, SqlPart } from '../store/metric-sources'
import { SOURCES } from '../store/metric-sources'
import type { IncidentFilters, PartQuery, PartRows } from '../store/metrics'
import type { AreaFilter } from '../store/where'
import { SPLIT_SEPARATOR, readsIncidentsAt, rollupAnswers } from '../store/metrics'
import { isRegionDim, metricValue, partsOf } from './metric-formulas'
import type { RegionStats } from './region-stats'
import { resultMemo } from './result-memo'
import { incidentsAsOf } from './incidents-as-of'
import { asOfInstant } from './as-of'
import type { Interval } from './time-buckets'
import { bucketStarts, bucketsBack } from './time-buckets'

/** What a breakdown groups by (store/metric-sources.ts). */
export type { Dimension }

export const MAX_BUCKETS = 1000
/** A series without `from` shows this many buckets up to now. */
export const DEFAULT_BUCKETS: Record<Interval, number> = { day: 30, week: 12, month: 12 }
/**
 * How long a computed summary may be served (besides being dropped at every commit). The web refreshes its
 * figures at most every 5 s, so with 2 s each refresh gets figures computed after the previous refresh asked: a
 * deadline passing (overdue) or midnight (today) shows up at most 2 s late, less than one refresh interval.
 */
export const SUMMARY_TTL_MS = 2000
/** Distinct summaries kept: a wall and every open dashboard's scope and filters, with room to spare. */
export const SUMMARY_MEMO_SIZE = 256

/** Which source computes each part (the day rollup only ever stands in for `incidents`). */
const PART_SOURCE = new Map<string, SourceId>((['incidents', 'openIncidents', 'disputes', 'sites', 'inspections', 'whistles',
  'verifiedIncidents', 'callbacksDrawn', 'callbacksDone', 'mergedReports'] as const)
  .flatMap((id) => Object.keys(SOURCES[id].parts).map((part) => [part, id] as const)))
// A formula reading a part that nothing computes would silently read 0: refuse to start instead.
for (const part of partsOf(METRIC_IDS)) {
  if (!PART_SOURCE.has(part) && !['today', 'households', 'whistleAckMedianMs'].includes(part)) {
    throw new Error(`no source computes the metric part "${part}"`)
  }
}

export interface MetricRequest {
  scope: string
  range: Range
  filter: IncidentFilters
  /** Only records in this area (`within=`, already cut to the caller's area). Part of the summary memo's key. */
  within?: AreaFilter | undefined
  /** The instant the figures are as of (domain/as-of.ts); left out, the end of the period or now, whichever is earlier. */
  asOf?: number | undefined
}

export function metricService({ store, regions, now }: { store: Store; regions: RegionStats; now: () => number }) {
  const summaries = resultMemo<ReturnType<typeof computeSummary>>({ ttlMs: SUMMARY_TTL_MS, max: SUMMARY_MEMO_SIZE, now })
  store.onCommit(() => summaries.clear())
  const pastIncidents = incidentsAsOf(store)

  /**
   * The instant of the figures and, when it is earlier than now, what the store needs to read the past: every
   * figure is then computed as it stood at that instant (`now` of the part queries is the instant).
   */
  async function instant(req: Pick<MetricRequest, 'asOf' | 'range'>) {
    const { at, past } = asOfInstant(req.asOf, req.range.to, now())
    return { at, past: past ? { incidents: await pastIncidents.states(at) } : undefined }
  }
  /** A record made after the instant does not exist yet: the period read stops just after it. */
  const upTo = (to: number, at: number) => Math.min(to, at + 1)

  /**
   * A summary, breakdown or choropleth without `from` covers the web's default preset (近30天): whole local days
   * ending with the day of the last instant included, so an API client and the dashboard count the same reports.
   */
  const defaultRangeFrom = (last: number) => presetWindow(DEFAULT_RANGE_PRESET, last).from

  /**
   * The period [from, to). Without `to` it runs up to and including now (so a report made this instant counts):
   * to = now + 1 ms, shown as now. Without `from` it starts at `defaultFrom(the last instant included)`.
   */
  function period(req: MetricRequest, at: number, defaultFrom: (last: number) => number) {
    const shownTo = req.range.to ?? at
    const to = req.range.to ?? at + 1
    const from = req.range.from ?? defaultFrom(to - 1)
    if (to <= from) throw badRequest(`the period is empty: to (${iso(shownTo)}) must be after from (${iso(from)})`, 'invalid_range')
    return { from, to, shownTo }
  }

  /** The incident parts over [from, to): whole local days from the rollup when it can answer, the edges raw. */
  async function incidentParts(q: PartQuery, only: readonly SqlPart[]): Promise<PartRows> {
    const first = localDayStart(q.from) === q.from ? q.from : localDayStart(q.from) + DAY
    const last = localDayStart(q.to)
    // The rollup holds today's statuses: a past that differs from them is read raw.
    if (first >= last || !rollupAnswers(q) || readsIncidentsAt(q)) return await store.metrics.parts('incidents', q, only)
    const out: PartRows = new Map()
    if (q.from < first) addInto(out, await store.metrics.parts('incidents', { ...q, to: first }, only))
    addInto(out, await store.metrics.parts('incidentDays', { ...q, from: first, to: last }, only))
    if (last < q.to) addInto(out, await store.metrics.parts('incidents', { ...q, from: last }, only))
    return out
  }

  /** Every part the metrics read, by key: each source queried once, for its wanted parts only. */
  async function collect(metrics: readonly MetricId[], query: PartQuery): Promise<PartRows> {
    const wanted = partsOf(metrics)
    const q = { ...query, grids: regions.gridsWithin(query.scope) }
    const bySource = new Map<SourceId, SqlPart[]>()
    for (const part of wanted) {
      const source = PART_SOURCE.get(part)
      if (source) bySource.set(source, [...(bySource.get(source) ?? []), part as SqlPart])
    }
    const out: PartRows = new Map()
    for (const [source, parts] of bySource) {
      addInto(out, source === 'incidents' ? await incidentParts(q, parts) : await store.metrics.parts(source, q, parts))
    }
    if (wanted.has('today')) {
      // In the past, the instant's day up to the instant: a report after it did not exist yet.
      const day = localDay(q.now)
      const today = await incidentParts({ ...q, from: day.from, to: q.past ? Math.min(day.to, q.now + 1) : day.to }, ['reports'])
      addInto(out, new Map([...today].map(([k, p]) => [k, { today: p.reports ?? 0 }])))
    }
    if (wanted.has('whistleAckMedianMs')) addInto(out, await store.metrics.whistleAckMedian(q))
    return out
  }

  const value = (metric: MetricId, parts: Record<string, number> | undefined, householdsOf: string) =>
    metricValue(metric, { ...parts, households: regions.households(householdsOf) })

  async function computeSummary(req: MetricRequest, only: readonly MetricId[]): Promise<MetricSummary> {
    const { at, past } = await instant(req)
    const { from, to, shownTo } = period(req, at, defaultRangeFrom)
    const parts = (await collect(only, { scope: req.scope, from, to: upTo(to, at), now: at, past, filter: req.filter, within: req.within, key: { kind: 'total' } })).get('')
    const metrics = Object.fromEntries(only.map((m) => [m, value(m, parts, req.scope)])) as Partial<Record<MetricId, MetricValue>>
    return { scope: req.scope, from: iso(from), to: iso(shownTo), now: iso(at), metrics }
  }

  return {
    /**
     * The metrics `only` (by default every one) for a scope and period; a metric left out is absent from
     * `metrics`, not null. `now` in the answer is the instant its figures were computed for.
     */
    summary: (req: MetricRequest, only: readonly MetricId[] = METRIC_IDS) =>
      summaries.get({ ...req, only }, () => computeSummary(req, only)),

    async timeseries(metric: MetricId, interval: Interval, req: MetricRequest): Promise<MetricTimeseries> {
      const { at, past } = await instant(req)
      const { from, to, shownTo } = period(req, at, (last) => bucketsBack(last, interval, DEFAULT_BUCKETS[interval]))
      const starts = bucketStarts(from, to, interval, MAX_BUCKETS)
      if (!starts) {
        throw badRequest(`more than ${MAX_BUCKETS} ${interval} buckets from ${iso(from)} to ${iso(shownTo)}: shorten the range or use a longer interval`,
          'too_many_buckets')
      }
      const rows = await collect([metric], { scope: req.scope, from, to: upTo(to, at), now: at, past, filter: req.filter, within: req.within, key: { kind: 'bucket', interval } })
      const points = starts.map((t) => ({ t: isoLocal(t), value: value(metric, rows.get(String(t)), req.scope) }))
      return { metric, interval, scope: req.scope, from: iso(from), to: iso(shownTo), points }
    },

    /**
     * The metric by `by`; with `then`, each item also splits by a second dimension (e.g. sites by category, each
     * split by risk grade). Parts are additive, so an item's value is computed from the sum of its split's parts
     * and the two always agree; the caller refuses `then` for metrics that read a median.
     */
    async breakdown(metric: MetricId, by: Dimension, req: MetricRequest, then?: Dimension): Promise<MetricBreakdown> {
      const { at, past } = await instant(req)
      const { from, to, shownTo } = period(req, at, defaultRangeFrom)
      const rows = await collect([metric], { scope: req.scope, from, to: upTo(to, at), now: at, past, filter: req.filter, within: req.within, key: { kind: 'dim', dim: by, then } })
      const householdsOf = (k: string) => (isRegionDim(by) ? k : req.scope)
      const head = (k: string) => (then ? k.slice(0, k.indexOf(SPLIT_SEPARATOR)) : k)
      const totals: PartRows = new Map()
      for (const [k, parts] of rows) addInto(totals, new Map([[head(k), parts]]))
      const items = [...totals].map(([k, parts]) => ({
        key: k, value: value(metric, parts, householdsOf(k)),
        ...(then ? { split: splitOf(rows, k, (p) => value(metric, p, householdsOf(k))) } : {}),
      }))
      // Largest first; an item with no value (an empty basis) after every item with one.
      items.sort((a, b) => byValueDescending(a.value, b.value) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      return { metric, by, ...(then ? { then } : {}), scope: req.scope, from: iso(from), to: iso(shownTo), items }
    },

    /**
     * Every region of the level (inside `township` when given) gets a value: 0 where nothing happened for a count,
     * null where a metric's basis is empty (no value to colour by).
     */
    async choropleth(level: 'township' | 'grid', metric: MetricId, township: string | undefined, req: Omit<MetricRequest, 'scope'>): Promise<MetricChoropleth> {
      const { at, past } = await instant(req)
      const scope = township ?? COUNTY_CODE
      const { from, to, shownTo } = period({ ...req, scope }, at, defaultRangeFrom)
      const ids = level === 'grid' ? regions.gridsWithin(scope) : township ? [township] : regions.townships
      const rows = await collect([metric], { scope, from, to: upTo(to, at), now: at, past, filter: req.filter, within: req.within, key: { kind: 'dim', dim: level } })
      const values = Object.fromEntries(ids.map((id) => [id, value(metric, rows.get(id), id)]))
      return { level, metric, ...(township ? { township } : {}), from: iso(from), to: iso(shownTo), values }
    },
  }
}
export type MetricService = ReturnType<typeof metricService>

const iso = (t: number) => new Date(t).toISOString()

/** The second-dimension values of one item of a two-way breakdown, as { <then value>: metric value }. */
function splitOf(rows: PartRows, head: string, valueOf: (parts: Record<string, number>) => MetricValue): Record<string, MetricValue> {
  const prefix = head + SPLIT_SEPARATOR
  return Object.fromEntries([...rows].filter(([k]) => k.startsWith(prefix)).map(([k, p]) => [k.slice(prefix.length), valueOf(p)]))
}

function addInto(out: PartRows, rows: PartRows) {
  for (const [k, parts] of rows) {
    const acc = out.get(k) ?? {}
    for (const [part, n] of Object.entries(parts)) acc[part] = (acc[part] ?? 0) + n
    out.set(k, acc)
  }
}
