// Which area an items request reads. The JSON lists take `scope=`; a feature service's clients filter by the
// features' own properties, so `township=`, `village=` and `grid=` are read too, each a code of its level. Several
// may be given when they nest (the narrowest wins); none: all the caller may see, as the JSON lists. Then the same
// reach check: an area outside the caller's is 403 (auth/policy.ts).
import type { Context } from 'hono'
import { SCOPE_CODE_LENGTH, scopeLevel } from '../../domain/regions'
import type { ScopeLevel } from '../../domain/regions'
import { requireScope, scopeOf } from '../auth/policy'
import { ApiError, badRequest } from '../errors'

const NAMED: readonly ['township' | 'village' | 'grid', ScopeLevel][] = [['township', 'township'], ['village', 'village'], ['grid', 'grid']]

export function ogcScope(c: Context, levels: readonly ScopeLevel[]): string {
  const given: [string, string][] = []
  const scope = c.req.query('scope')
  if (scope !== undefined && scope !== '') given.push(['scope', scope])
  for (const [param, level] of NAMED) {
    const code = c.req.query(param)
    if (code === undefined || code === '') continue
    if (!/^\d+$/.test(code) || code.length !== SCOPE_CODE_LENGTH[level] || scopeLevel(code) !== level) {
      throw badRequest(`${param}="${code}" is not a ${level} code: ${SCOPE_CODE_LENGTH[level]} digits (see /ogc/collections/${level}s/items)`, 'invalid_scope')
    }
    given.push([param, code])
  }
  if (given.length === 0) return scopeOf(c, levels)
  const narrowest = given.reduce((a, b) => (b[1].length > a[1].length ? b : a))
  const apart = given.find(([, code]) => !narrowest[1].startsWith(code))
  if (apart) {
    throw badRequest(`${apart[0]}=${apart[1]} and ${narrowest[0]}=${narrowest[1]} do not nest, so nothing could match: name one area, or areas inside one another`, 'invalid_scope')
  }
  const level = scopeLevel(narrowest[1])
  if (level === null) {
    throw badRequest(`scope="${narrowest[1]}" is not a scope: use 330329 (the county) or a township (9 digits), village (12) or grid (14) code`, 'invalid_scope')
  }
  if (!levels.includes(level)) {
    throw new ApiError(422, 'unsupported_scope', `${narrowest[0]}=${narrowest[1]} is a ${level}; this collection can be filtered by: ${levels.join(', ')}`)
  }
  return requireScope(c, narrowest[1])
}
