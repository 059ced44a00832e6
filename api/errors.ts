// One error type for every failure a client can cause or see. Routes throw it; app.ts turns it (and anything
// unexpected) into `{ error: { code, message } }` so clients branch on `code` and people read `message`.
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

export class ApiError extends HTTPException {
  readonly code: string
  /** Headers the answer carries besides the body, e.g. Retry-After on a 429. */
  readonly headers: Record<string, string>
  /** Fields the answer carries beside `error`, e.g. a conflict's `current` (the record as it is now). */
  readonly extra: Record<string, unknown>
  constructor(status: ContentfulStatusCode, code: string, message: string, headers: Record<string, string> = {}, extra: Record<string, unknown> = {}) {
    super(status, { message })
    this.code = code
    this.headers = headers
    this.extra = extra
  }
}

export const badRequest = (message: string, code = 'bad_request') => new ApiError(400, code, message)
export const notFound = (message: string) => new ApiError(404, 'not_found', message)
export const conflict = (message: string, code = 'conflict') => new ApiError(409, code, message)
export const unprocessable = (message: string, code = 'invalid') => new ApiError(422, code, message)
