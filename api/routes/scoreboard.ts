// GET /api/scoreboard?by=township|department&from=&to=: the 考核 scoreboard (api/services/scoreboard.ts). Which
// rows the caller sees is its reach's (auth/scoreboard-reach.ts). An unknown `by` is 422 naming the two kinds; a
// malformed or empty period 400 (http/query.ts), as for the metrics.
import { Hono } from 'hono'
import { SCOREBOARD_BY_IDS, isScoreboardBy } from '../../domain/scoreboard'
import type { ScoreboardBy } from '../../domain/scoreboard'
import { ApiError } from '../errors'
import { parseRange } from '../http/query'
import { who } from '../auth/policy'
import type { AuthEnv } from '../auth/principal'
import { defaultScoreboardBy, scoreboardUnitOf } from '../auth/scoreboard-reach'
import type { ScoreboardService } from '../services/scoreboard'

export function scoreboardRoutes(service: ScoreboardService) {
  return new Hono<AuthEnv>().get('/', async (c) => {
    const { reach } = who(c)
    const raw = c.req.query('by')
    let by: ScoreboardBy
    if (raw === undefined || raw === '') by = defaultScoreboardBy(reach)
    else if (isScoreboardBy(raw)) by = raw
    else throw new ApiError(422, 'unknown_by', `by="${raw}" is not a kind of scoreboard row; send by=${SCOREBOARD_BY_IDS.join(' or by=')}`)
    const range = parseRange(c)
    return c.json(await service.table({ by, range, only: scoreboardUnitOf(reach, by) }))
  })
}
