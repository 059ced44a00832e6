// Errors of the feature service in the shape OGC API – Features gives them: `{ code, description }` (its
// exception schema), with the API's own code and message inside, so a generic client (QGIS, GDAL) shows the
// sentence that says what to fix. OGC knows 400 for any bad parameter: the JSON API's 422 (a well-formed value
// naming nothing we know) is answered 400 here.
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { ApiError } from '../errors'
import { OUTAGE_RETRY_SECONDS, isDatabaseOutage } from '../store/unavailable'

export const OGC_PREFIX = '/ogc'
export const isOgcPath = (path: string) => path === OGC_PREFIX || path.startsWith(`${OGC_PREFIX}/`)

export interface OgcException { code: string; description: string }

const answer = (c: Context, status: ContentfulStatusCode, code: string, description: string, headers: Record<string, string> = {}) =>
  c.json({ code, description } satisfies OgcException, status, headers)

export function ogcOnError(err: Error, c: Context) {
  if (err instanceof ApiError) return answer(c, err.status === 422 ? 400 : err.status, err.code, err.message, err.headers)
  if (err instanceof HTTPException) return answer(c, err.status, `http_${err.status}`, err.message || 'request rejected')
  if (isDatabaseOutage(err)) {
    console.warn(`database out of reach, answered 503: ${err.message}`)
    return answer(c, 503, 'database_unavailable', `the database is out of reach for the moment: ask again in ${OUTAGE_RETRY_SECONDS} s`,
      { 'Retry-After': String(OUTAGE_RETRY_SECONDS) })
  }
  console.error(err)
  return answer(c, 500, 'internal', 'internal error; the server log has the details')
}

export const ogcNotFound = (c: Context) =>
  answer(c, 404, 'not_found', `no feature service route ${c.req.method} ${c.req.path}; start at ${OGC_PREFIX} (the landing page) or see ${OGC_PREFIX}/api`)
