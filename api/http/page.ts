// Sends a page of map features with an RFC 8288 `Link: <…>; rel="next"` beside the `next` cursor in the body, so
// generic clients can follow pages without knowing this API.
import type { Context } from 'hono'
import type { FeaturePage } from '../services/keyset'

/** Page sizes of the map lists: a whole layer usually fits in one page; the cap bounds one response. */
export const MAP_PAGE = { default: 1000, cap: 5000 }

/**
 * Pages of `?fields=map` incidents (~180 bytes of JSON a feature against the list's ~390): a full page is ~3.5 MB
 * before gzip, under twice the list's bound, and the map takes a month of the county (~6,000) and up to the web's
 * MAX_POINTS in one request (test/api/incidents-map-fields.test.ts keeps the two equal).
 */
export const LEAN_MAP_PAGE = { default: 1000, cap: 20_000 }

export function sendPage(c: Context, page: FeaturePage) {
  if (page.next) {
    const next = new URL(c.req.url)
    next.searchParams.set('cursor', page.next)
    c.header('Link', `<${next.pathname}${next.search}>; rel="next"`)
  }
  return c.json(page)
}
