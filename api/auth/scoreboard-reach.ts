// Which scoreboard rows a principal may see. A row is an assessment of one unit: the county centre (leaders,
// county walls, administrators) compares them all; a township sees its own row and a department its own, and
// neither the rows of the other kind (they would compare units outside its reach). Asking for the other kind is
// 403 naming what to send instead.
import type { ScoreboardBy } from '../../domain/scoreboard'
import type { Reach } from '../../domain/roles'
import { ApiError } from '../errors'

/** The kind of rows a principal sees when it names none: its own kind (a department's), else townships. */
export const defaultScoreboardBy = (reach: Reach): ScoreboardBy => (reach.level === 'department' ? 'department' : 'township')

/**
 * The one unit whose row the principal may see, undefined for every row (the county's view), or the 403 of a kind
 * of row it may not see. Grid workers never get here (the route table refuses them).
 */
export function scoreboardUnitOf(reach: Reach, by: ScoreboardBy): string | undefined {
  if (reach.level === 'county') return undefined
  if (reach.level === 'department') {
    if (by === 'department') return reach.department
    throw new ApiError(403, 'forbidden_scope', `a county department sees its own scoreboard row only: send by=department`)
  }
  if (by === 'township') return reach.township
  throw new ApiError(403, 'forbidden_scope', `departments' scoreboard rows are the county's view; you see township ${reach.township}'s row: send by=township`)
}
