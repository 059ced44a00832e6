// The `within=` parameter of a list, figure or tile route: the drawn selection checked (domain/within.ts) and
// cut to the caller's area (services/selection-area.ts). Bad text, or a selection wholly outside the county, is
// 422 naming the problem and the fix; a selection in the county but wholly outside the caller's area is 403,
// as a scope outside it would be (auth/policy.ts).
import type { Context } from 'hono'
import { parseWithin } from '../../domain/within'
import { ApiError } from '../errors'
import type { SelectionAreas } from '../services/selection-area'
import type { AreaFilter } from '../store/where'
import { outside, who } from './policy'

export function withinOf(c: Context, areas: SelectionAreas): AreaFilter | undefined {
  const raw = c.req.query('within')
  if (raw === undefined || raw === '') return undefined
  const parsed = parseWithin(raw)
  if (!parsed.ok) throw new ApiError(422, 'invalid_within', parsed.message)
  const { reach } = who(c)
  const cut = areas.cut(parsed.polygon, reach)
  if (cut.ok) return cut.area
  if (cut.outside === 'county') {
    throw new ApiError(422, 'invalid_within', 'within lies wholly outside 泰顺县: draw the selection on the county (WGS84 longitude first, e.g. [119.7, 27.5])')
  }
  throw outside('the selection (within)', reach)
}
