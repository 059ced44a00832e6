// What the public, unscoped routes answer: liveness, the web's settings, and the reference lists (labels, ids and
// the article's figures). api/app.ts builds the first two, domain/reference.ts the third, typed against these.
import { z } from 'zod'
import { IsoTime } from './common'
import { component } from './registry'

export const Health = component('Health', z.strictObject({
  status: z.literal('ok'), time: IsoTime, lastEventId: z.int().describe('the newest change-feed event id (Last-Event-ID to resume from)'),
  calendarWarning: z.string().nullable().describe('set when the current year, or the next from December on, has no published holidays: limits in working days count weekends only there (the server prints the same line at start)'),
}))
export type Health = z.infer<typeof Health>

export const Config = component('Config', z.strictObject({
  basemapUrl: z.string().nullable().describe('a raster basemap the web may add (BASEMAP_URL), or null'),
  incidentTilesAbove: z.int().describe('above this many incidents in range the map draws incidents from vector tiles'),
  dataStart: IsoTime.nullable().describe('the first report time stored (null: no incidents)'),
  dataEnd: IsoTime.nullable().describe('the latest report time stored: a view opens on [dataStart, dataEnd] when the data ended before its default range begins'),
}))
export type Config = z.infer<typeof Config>

/** A reference list: each entry has an id and its zh-CN and English labels, plus the list's own fields. */
const label = { id: z.string(), name: z.string(), nameEn: z.string() }
const Labelled = component('Labelled', z.strictObject(label), 'a reference entry: its id and its zh-CN and English labels')
const labelled = (extra?: z.ZodRawShape) => z.array(extra ? z.strictObject({ ...label, ...extra }) : Labelled).readonly()

const n = z.number()
const figureGroup = z.union([n, z.record(z.string(), z.union([n, z.string()]))])

/** The web keeps the sharper ReturnType<typeof buildReference> (literal ids); this is what any client may rely on. */
export const ReferenceAnswer = component('Reference', z.strictObject({
  county: z.strictObject({ code: z.string(), name: z.string(), nameEn: z.string() }),
  scopeLevels: labelled(), crs: labelled(),
  departments: labelled({ shortName: z.string(), shortNameEn: z.string() }),
  stationedDomains: labelled({ department: z.string() }),
  modules: labelled({ group: z.string() }), moduleGroups: labelled(),
  listItems: labelled({ department: z.string(), module: z.string() }),
  categories: labelled(),
  incidentTypes: labelled({ category: z.string(), department: z.string(), module: z.string(), listItem: z.string().nullable(), onList: z.boolean() }),
  incident: z.strictObject({
    severities: labelled(), sources: labelled(), statuses: labelled(), actions: labelled(),
    sla: z.record(z.string(), z.strictObject({
      acceptMs: n.describe('on the clock, from the report'),
      resolve: z.strictObject({ workingDays: z.int() }).describe('working days after the report\'s day, ending at 24:00 of the last (counted by `calendar`)'),
    })).describe('per severity: time to accept and to resolve'),
  }),
  dispute: z.strictObject({
    types: labelled(), levels: labelled({ limitDays: n, motto: z.string(), mottoEn: z.string() }), methods: labelled(), risks: labelled(),
    mediators: labelled(), statuses: labelled(), actions: labelled(),
  }),
  site: z.strictObject({
    categories: labelled({ department: z.string() }), grades: labelled({ cadenceDays: n }),
    inspectionResults: labelled({ stage: z.string(), opensWarning: z.boolean() }), chainStages: labelled(), warningKinds: labelled(),
  }),
  whistle: z.strictObject({
    kinds: labelled(), statuses: labelled(), actions: labelled(),
    sla: z.strictObject({ acknowledgeMs: n, arriveMs: z.strictObject({ normal: n, urgent: n }), closeMs: z.strictObject({ normal: n, urgent: n }) }),
    slaStates: labelled(),
  }),
  callback: z.strictObject({
    results: labelled(), owners: labelled(), statuses: labelled(),
    limitWorkingDays: z.int().describe('working days from the verification within which a call-back is due'),
  }).describe('回访: its results (满意, 基本满意, 不满意), who calls, a task\'s states (domain/callback.ts)'),
  calendar: z.strictObject({
    firstYear: z.int(), lastYear: z.int().describe('the last year a State Council notice covers: later years count weekends only'),
    off: z.array(z.string()).readonly().describe('local dates (YYYY-MM-DD) of statutory holidays, weekends inside them included'),
    working: z.array(z.string()).readonly().describe('local dates of adjusted working weekends (调休上班)'),
    notices: z.array(z.strictObject({ year: z.int(), notice: z.string() })).readonly(),
  }).describe('the working-day calendar limits in working days are counted by (domain/working-days.ts)'),
  metrics: labelled({ unit: z.string(), higherIsBetter: z.boolean().nullable(), description: z.string(), descriptionEn: z.string() }),
  scoreboard: z.strictObject({
    metrics: labelled({
      unit: z.string(), higherIsBetter: z.boolean(), formula: z.string(), formulaEn: z.string(),
      numerator: z.strictObject({ name: z.string(), nameEn: z.string() }), denominator: z.strictObject({ name: z.string(), nameEn: z.string() }),
    }),
    townshipChoropleth: z.array(z.string()).readonly().describe('the scoreboard metrics GET /api/metrics/choropleth also takes, at level=township only'),
  }).describe('the 考核 scoreboard\'s metrics (GET /api/scoreboard): formulas in words, what each count counts'),
  article: z.strictObject({
    source: z.strictObject({ name: z.string(), nameEn: z.string(), published: z.string() }),
    figures: z.record(z.string(), figureGroup).describe('the article\'s figures, grouped (domain/article-figures.ts)'),
    rows: z.array(z.strictObject({ name: z.string(), nameEn: z.string(), value: n, unit: z.string(), approx: z.boolean().optional().describe('true: the article says "about" or "more than"') })).readonly(),
    monthlyReports: z.array(z.strictObject({ month: z.string(), reports: n })).readonly(),
  }),
}))
export type ReferenceAnswer = z.infer<typeof ReferenceAnswer>

/** GET /api/openapi.json: the document itself, described only as far as a client needs to recognise one. */
export const OpenApiDocument = component('OpenApiDocument', z.looseObject({
  openapi: z.literal('3.1.0'), info: z.looseObject({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()),
}), 'an OpenAPI 3.1 document (this one)')
