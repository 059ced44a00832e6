// What GET /api/scoreboard answers: one row per township of the county, or per county department, with every
// scoreboard figure (domain/scoreboard.ts) and the counts behind it. api/services/scoreboard.ts builds it typed
// against this.
import { z } from 'zod'
import { SCOREBOARD_BY_IDS, SCOREBOARD_METRIC_IDS } from '../scoreboard'
import { IsoTime } from './common'
import { component } from './registry'

const ids = SCOREBOARD_METRIC_IDS
type Id = (typeof ids)[number]
const perMetric = <S extends z.ZodType>(schema: S) =>
  z.strictObject(Object.fromEntries(ids.map((id) => [id, schema])) as Record<Id, S>)

export const ScoreCount = component('ScoreCount', z.strictObject({
  numerator: z.int().describe('what the value counts (a ratio\'s numerator; a count itself; the acknowledged calls of a median)'),
  denominator: z.int().describe('what it is out of (a ratio\'s basis; for a count, the cases it is among; for a median, all calls)'),
}), 'the counts behind one scoreboard value; /api/reference scoreboard.metrics says what each metric\'s count')

export const ScoreboardRow = component('ScoreboardRow', z.strictObject({
  unit: z.strictObject({
    code: z.string().describe('a township code (9 digits) or a department id'),
    name: z.string(),
    nameEn: z.string().describe('a department\'s English name; a township\'s name as the map labels it'),
  }),
  values: perMetric(z.number().nullable()).describe('null where the metric has no basis (a ratio over none, a median over none); a count is 0, never null'),
  counts: perMetric(ScoreCount),
}))
export type ScoreboardRow = z.infer<typeof ScoreboardRow>

export const ScoreboardAnswer = component('ScoreboardAnswer', z.strictObject({
  by: z.enum(SCOREBOARD_BY_IDS),
  from: IsoTime,
  to: IsoTime,
  now: IsoTime.describe('the instant deadlines were judged at (sign-off limits and deadlines not passed yet are not judged)'),
  metrics: z.array(z.enum(ids)).describe('the metric ids, in the order a table shows them'),
  rows: z.array(ScoreboardRow).describe('every township of the county (by township) or every department (by department) the caller may see, in code or list order'),
}))
export type ScoreboardAnswer = z.infer<typeof ScoreboardAnswer>
