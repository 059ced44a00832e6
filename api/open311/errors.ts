// Every refusal on the Open311 paths in the spec's shape (answer.ts), with the status the JSON API would give it,
// but for a 422: GeoReport v2 knows 400 for "the request is wrong" and clients branch on that.
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { ApiError } from '../errors'
import { OUTAGE_RETRY_SECONDS, isDatabaseOutage } from '../store/unavailable'
import { formatOf, sendErrors } from './answer'

export function answerError(err: unknown, c: Context): Response {
  const format = formatOf(c.req.path)
  if (err instanceof ApiError) return sendErrors(c, format, err.status === 422 ? 400 : err.status, err.message, err.headers)
  if (err instanceof HTTPException) return sendErrors(c, format, err.status, err.message || 'request rejected')
  if (isDatabaseOutage(err)) {
    console.warn(`database out of reach, answered 503: ${(err as Error).message}`)
    return sendErrors(c, format, 503, `the database is out of reach for the moment; nothing of this request was stored: send it again in ${OUTAGE_RETRY_SECONDS} s`,
      { 'Retry-After': String(OUTAGE_RETRY_SECONDS) })
  }
  console.error(err)
  return sendErrors(c, format, 500, 'internal error; the server log has the details')
}
