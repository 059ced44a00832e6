// The view a briefing shows: scope, period [from, to), the instant its figures stand at (asOf) and the language.
// One parser for the render route and the schedule's views, so both are checked alike.
import type { Context } from 'hono'
import { COUNTY_CODE } from '../../domain/regions'
import { ApiError, badRequest } from '../errors'
import { parseInstant, parseRange } from '../http/query'

export type BriefingLang = 'zh' | 'en'
export interface BriefingView { scope: string; from: number; to: number; asOf: number; lang: BriefingLang }

const DAY = 86_400_000
/** A briefing reads at most a year: the print page's charts are drawn for months, not decades. */
export const MAX_BRIEFING_DAYS = 366
export const DEFAULT_BRIEFING_DAYS = 30

export function parseLang(raw: string | undefined): BriefingLang {
  if (raw === undefined || raw === '' || raw === 'zh' || raw === 'zh-CN') return 'zh'
  if (raw === 'en') return 'en'
  throw badRequest(`lang="${raw}" is not a briefing language: use zh (default) or en`, 'invalid_lang')
}

/**
 * `asOf`: when the figures stand; left out, min(now, to). A future asOf would be a forecast nobody made: 422. An
 * asOf before the period's start would show a period that had not begun: 422 too.
 */
export function resolveAsOf(raw: number | undefined, from: number, to: number, now: number): number {
  const asOf = raw ?? Math.min(now, to)
  if (asOf > now) throw new ApiError(422, 'future_as_of', `asOf ${new Date(asOf).toISOString()} is in the future (now is ${new Date(now).toISOString()}); leave it out for now, or name a past instant`)
  if (asOf <= from) throw new ApiError(422, 'as_of_before_period', `asOf ${new Date(asOf).toISOString()} is not after the period's start ${new Date(from).toISOString()}; name an instant after from`)
  return asOf
}

/** The view of a render request; `scope` already checked against the caller's reach by the route. */
export function parseBriefingView(c: Context, scope: string, now: number): BriefingView {
  const range = parseRange(c, MAX_BRIEFING_DAYS)
  const to = range.to ?? now
  const from = range.from ?? to - DEFAULT_BRIEFING_DAYS * DAY
  if (to <= from) throw badRequest(`to must be after from (from ${new Date(from).toISOString()}, to ${new Date(to).toISOString()})`, 'invalid_range')
  if (to - from > MAX_BRIEFING_DAYS * DAY) throw badRequest(`a briefing covers at most ${MAX_BRIEFING_DAYS} days; narrow from and to`, 'invalid_range')
  const rawAsOf = c.req.query('asOf')
  const asOf = resolveAsOf(rawAsOf === undefined || rawAsOf === '' ? undefined : parseInstant(rawAsOf, 'asOf'), from, to, now)
  return { scope: scope || COUNTY_CODE, from, to, asOf, lang: parseLang(c.req.query('lang')) }
}

/** The print page's address for a view: what the ticket is bound to. `by` and `at` are the watermark's. */
export function printPath(view: BriefingView, by: string, at: number): string {
  const q = new URLSearchParams({
    scope: view.scope, from: new Date(view.from).toISOString(), to: new Date(view.to).toISOString(),
    asOf: new Date(view.asOf).toISOString(), lang: view.lang, by, at: new Date(at).toISOString(),
  })
  return `/print/briefing?${q}`
}
