// Parses the query parameters the list and metric endpoints share. Malformed values are 400 (the request is not
// understood); well-formed values that name nothing we know are 422 with the valid choices.
import type { Context } from 'hono'
import type { ScopeLevel } from '../../domain/regions'
import { LOCAL_OFFSET_ISO, localDateStart } from '../../domain/calendar'
import { COUNTY_CODE, SCOPE_LEVEL_IDS, scopeLevel } from '../../domain/regions'
import { DAY } from '../../domain/time'
import type { Range } from '../../domain/time'
import { ApiError, badRequest } from '../errors'

/** `2026-11-27`, `2026-11-27T08:00:00Z` or `2026-11-27T16:00:00+08:00`; a bare date is local midnight (UTC+8). */
export function parseInstant(raw: string, name: string): number {
  const bareDate = /^\d{4}-\d{2}-\d{2}$/.test(raw)
  if (!bareDate && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(raw)) {
    throw badRequest(`${name}="${raw}" is not a date: use YYYY-MM-DD or an ISO 8601 time such as 2026-11-27T08:00:00${LOCAL_OFFSET_ISO}`, 'invalid_date')
  }
  const ms = bareDate ? localDateStart(raw) : Date.parse(raw)
  // Date.parse rolls 2026-02-30 over to March 2: check the calendar date survives the round trip.
  const [y, m, d] = raw.slice(0, 10).split('-').map(Number) as [number, number, number]
  const day = new Date(Date.UTC(y, m - 1, d))
  if (!Number.isFinite(ms) || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d) {
    throw badRequest(`${name}="${raw}" is not a real date`, 'invalid_date')
  }
  return ms
}

/**
 * `asOf=`: the instant figures and records are read as of (domain/as-of.ts), as a date or ISO time like `from`,
 * or epoch milliseconds; undefined when left out. Whether it may be answered (not in the future) is the service's.
 */
export function parseAsOf(c: Context): number | undefined {
  const raw = c.req.query('asOf')
  if (raw === undefined || raw === '') return undefined
  if (/^\d{1,15}$/.test(raw)) return Number(raw)
  return parseInstant(raw, 'asOf')
}

export function parseRange(c: Context, maxDays = 3660): Range {
  const f = c.req.query('from')
  const t = c.req.query('to')
  const from = f === undefined ? undefined : parseInstant(f, 'from')
  const to = t === undefined ? undefined : parseInstant(t, 'to')
  if (from !== undefined && to !== undefined) {
    if (to <= from) throw badRequest(`to (${t}) must be after from (${f})`, 'invalid_range')
    if (to - from > maxDays * DAY) throw badRequest(`the range from ${f} to ${t} is longer than ${maxDays} days`, 'invalid_range')
  }
  return { from, to }
}

/** `levels` narrows the scopes a resource can be filtered by (whistle calls are township-level records). */
export function parseScope(c: Context, levels: readonly ScopeLevel[] = SCOPE_LEVEL_IDS, fallback = COUNTY_CODE): string {
  const scope = c.req.query('scope') ?? fallback
  const level = scopeLevel(scope)
  if (level === null) {
    throw badRequest(`scope="${scope}" is not a scope: use ${COUNTY_CODE} (the county) or a township (9 digits), village (12) or grid (14) code`, 'invalid_scope')
  }
  if (!levels.includes(level)) {
    throw new ApiError(422, 'unsupported_scope', `scope="${scope}" is a ${level}; this list can be scoped to: ${levels.join(', ')} (a township is the first 9 digits of the code)`)
  }
  return scope
}

/** A comma-separated list of allowed values, e.g. `status=reported,accepted`. */
export function parseList<T extends string>(c: Context, name: string, allowed: readonly T[]): T[] | undefined {
  const raw = c.req.query(name)
  if (raw === undefined || raw === '') return undefined
  const values = raw.split(',').map((v) => v.trim())
  const unknown = values.filter((v) => !allowed.includes(v as T))
  if (unknown.length) {
    throw new ApiError(422, 'unknown_value', `${name}: ${unknown.map((u) => `"${u}"`).join(', ')} unknown; valid values: ${allowed.join(', ')}`)
  }
  return values as T[]
}

export function parseBool(c: Context, name: string): boolean | undefined {
  const raw = c.req.query(name)
  if (raw === undefined || raw === '') return undefined
  if (raw === 'true' || raw === '1') return true
  if (raw === 'false' || raw === '0') return false
  throw badRequest(`${name}="${raw}" is not a boolean: use true or false`)
}

export function parseBbox(c: Context): [number, number, number, number] | undefined {
  const raw = c.req.query('bbox')
  if (raw === undefined || raw === '') return undefined
  const parts = raw.split(',').map(Number)
  const [minLng, minLat, maxLng, maxLat] = parts
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n)) || minLng === undefined || minLat === undefined ||
    maxLng === undefined || maxLat === undefined) {
    throw badRequest(`bbox="${raw}" must be four numbers: minLng,minLat,maxLng,maxLat`, 'invalid_bbox')
  }
  if (minLng > maxLng || minLat > maxLat || minLng < -180 || maxLng > 180 || minLat < -90 || maxLat > 90) {
    throw badRequest(`bbox="${raw}" is not a WGS84 box with min before max (minLng,minLat,maxLng,maxLat)`, 'invalid_bbox')
  }
  return [minLng, minLat, maxLng, maxLat]
}

/** A page size from 1 to `cap`; above the cap is refused as the message says, not quietly cut to it. */
export function parseLimit(c: Context, fallback: number, cap: number): number {
  const raw = c.req.query('limit')
  if (raw === undefined || raw === '') return fallback
  if (!/^\d{1,7}$/.test(raw) || Number(raw) < 1 || Number(raw) > cap) {
    throw badRequest(`limit="${raw}" must be a whole number from 1 to ${cap}; follow \`next\` for more`, 'invalid_limit')
  }
  return Number(raw)
}

export function parseId(raw: string, what: string): number {
  if (!/^\d{1,15}$/.test(raw)) throw new ApiError(404, 'not_found', `no ${what} with id "${raw}": ids are whole numbers`)
  return Number(raw)
}
