// GET /api/scoreboard: the 考核 table of every township or every department over [from, to).
import { getJson } from './client'

export type ScoreboardBy = 'township' | 'department'

export interface ScoreboardRow {
  unit: { code: string; name: string; nameEn: string }
  /** By metric id; null: nothing to judge the unit on in the range (an empty basis). */
  values: Record<string, number | null>
  /** What each value was taken over, by metric id. */
  counts: Record<string, { numerator: number; denominator: number | null } | undefined>
}

export interface Scoreboard {
  by: ScoreboardBy
  from: string
  to: string
  metrics: string[]
  rows: ScoreboardRow[]
}

export const scoreboardApi = {
  get: (by: ScoreboardBy, from: number, to: number, signal?: AbortSignal) =>
    getJson('/api/scoreboard' as never, { query: { by, from: new Date(from).toISOString(), to: new Date(to).toISOString() }, signal } as never) as Promise<Scoreboard>,
}
