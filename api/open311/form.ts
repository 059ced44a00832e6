// The body of an Open311 POST: application/x-www-form-urlencoded, as GeoReport v2 says. Read as the JSON bodies are
// (json-body.ts): size-limited, timed, strict UTF-8, every key once, no invisible formatting characters in any key
// or value; what is wrong is named. The fields are then the route's to interpret.
import type { Context, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { ApiError, badRequest } from '../errors'
import { MAX_BODY_BYTES, invisibleIn, readBytes } from '../http/json-body'
import { formatOf, sendErrors } from './answer'

export const limitFormBody: MiddlewareHandler = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: (c) => sendErrors(c, formatOf(c.req.path), 413, `request body is over ${MAX_BODY_BYTES / 1024} KB; send one request at a time, without attachments`),
})

export type Form = ReadonlyMap<string, string>

export async function readForm(c: Context): Promise<Form> {
  const type = c.req.header('Content-Type') ?? ''
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(type)) {
    throw new ApiError(415, 'unsupported_media_type', `Content-Type must be application/x-www-form-urlencoded, as GeoReport v2 says (got "${type || 'none'}")`)
  }
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(type)?.[1]
  if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
    throw new ApiError(415, 'unsupported_media_type', `charset=${charset} is not accepted: encode the form as UTF-8 (charset=utf-8 or no charset)`)
  }
  const bytes = await readBytes(c)
  let text: string
  try {
    // Percent-decoding below turns bytes into text again: both passes must be valid UTF-8.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw badRequest('the body is not valid UTF-8', 'invalid_form')
  }
  const pairs = text.split('&').filter((p) => p !== '')
  const form = new Map<string, string>()
  for (const pair of pairs) {
    const eq = pair.indexOf('=')
    const [rawKey, rawValue] = eq < 0 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)]
    const key = decode(rawKey)
    if (form.has(key)) throw badRequest(`the field "${key}" appears twice; send each field once`, 'duplicate_key')
    form.set(key, decode(rawValue))
  }
  const invisible = invisibleIn(Object.fromEntries(form))
  if (invisible) throw badRequest(invisible, 'invisible_character')
  return form
}

/** application/x-www-form-urlencoded decoding ("+" is a space), refusing what is not UTF-8 once decoded. */
function decode(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '))
  } catch {
    throw badRequest(`"${raw.slice(0, 40)}" is not valid form encoding: percent-encode UTF-8 bytes (%E6%B3%B0 …)`, 'invalid_form')
  }
}
