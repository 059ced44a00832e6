// GET /api/scoreboard: the 考核 table of every township or every department over [from, to), with the counts behind
// each figure. Typed by the OpenAPI document (client.ts).
import type { ScoreboardBy } from '../../../domain/scoreboard'
import { getJson } from './client'
import type { Answer } from './client'

export type { ScoreboardBy }
export type Scoreboard = Answer<'/api/scoreboard'>
export type ScoreboardRow = Scoreboard['rows'][number]

export const scoreboardApi = {
  get: (by: ScoreboardBy, from: number, to: number, signal?: AbortSignal) =>
    getJson('/api/scoreboard', { query: { by, from: new Date(from).toISOString(), to: new Date(to).toISOString() }, signal }),
}
