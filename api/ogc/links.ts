// The links every answer carries (self, alternate encodings, next page, …). Absolute URLs built from the request,
// so a client that fetched one page can follow the next whatever its base URL handling.
import type { Context } from 'hono'

export interface Link { href: string; rel: string; type: string; title?: string }

export const JSON_TYPE = 'application/json'
export const GEOJSON_TYPE = 'application/geo+json'
export const HTML_TYPE = 'text/html'
export const OPENAPI_TYPE = 'application/vnd.oai.openapi+json;version=3.0'

/** The request's URL with `path` (absolute from the host) and these query parameters changed (null: removed). */
export function urlOf(c: Context, path: string | null, params: Record<string, string | null> = {}, keepQuery = true): string {
  const url = new URL(c.req.url)
  if (path !== null) url.pathname = path
  if (!keepQuery) url.search = ''
  for (const [k, v] of Object.entries(params)) {
    if (v === null) url.searchParams.delete(k)
    else url.searchParams.set(k, v)
  }
  return url.toString()
}

/** self in the answer's encoding, alternate in the other one. */
export function selfLinks(c: Context, format: 'json' | 'html', jsonType = JSON_TYPE): Link[] {
  const asJson = { href: urlOf(c, null, { f: 'json' }), type: jsonType }
  const asHtml = { href: urlOf(c, null, { f: 'html' }), type: HTML_TYPE }
  return format === 'json'
    ? [{ ...asJson, rel: 'self', title: 'this document' }, { ...asHtml, rel: 'alternate', title: 'this document as HTML' }]
    : [{ ...asHtml, rel: 'self', title: 'this document' }, { ...asJson, rel: 'alternate', title: 'this document as JSON' }]
}
