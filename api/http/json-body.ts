// Reads and validates a JSON request body. Every way a body can be wrong gets its own 4xx with a message that
// says what to change; nothing reaches a service unless it parsed and validated completely.
import type { Context, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { z } from 'zod'
import { describeInvisible, findInvisible } from '../../domain/invisible-text'
import { ApiError, badRequest } from '../errors'
import { checkJsonShape, MAX_JSON_DEPTH } from './json-shape'

export const MAX_BODY_BYTES = 64 * 1024

/** Rejects bodies over `maxSize` bytes before they are read into memory, with or without Content-Length. */
export const limitBodyTo = (maxSize: number, advice: string): MiddlewareHandler => bodyLimit({
  maxSize,
  onError: (c) => c.json({ error: { code: 'too_large', message: `request body is over ${maxSize / 1024} KB; ${advice}` } }, 413),
})

export const limitBody: MiddlewareHandler = limitBodyTo(MAX_BODY_BYTES, 'send one record per request')

/** Set per request by the app (`c.set('bodyTimeoutMs', …)`) from REQUEST_TIMEOUT_MS. */
const DEFAULT_BODY_TIMEOUT_MS = 30_000

/**
 * The body, or 408 when it has not all arrived in time (a slow-loris client trickling bytes to hold a connection).
 * Only the read is timed: once the bytes are here the write is synchronous, so a time-out can never leave a
 * request half-applied or answer 408 for a record that was then stored.
 */
export async function readBytes(c: Context): Promise<Uint8Array> {
  const ms = ((c.var as Record<string, unknown>).bodyTimeoutMs as number | undefined) ?? DEFAULT_BODY_TIMEOUT_MS
  const reading = c.req.arrayBuffer()
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reading.catch(() => {}) // the body limit or a dropped socket may fail the abandoned read later
      reject(new ApiError(408, 'request_timeout', `the request body did not arrive within ${ms / 1000} s; send it in one go`))
    }, ms)
  })
  try {
    return new Uint8Array(await Promise.race([reading, late]))
  } finally {
    clearTimeout(timer)
  }
}

/**
 * The first string (a value or a key) in the body with an invisible formatting character, described with its path
 * ("description: invisible character U+202E … at index 3 …"); null when there is none. Every string is checked, not
 * only the free-text fields: a choice or a name with a right-to-left override in it is as misleading to read.
 */
export function invisibleIn(value: unknown, path: string[] = []): string | null {
  const where = (p: string[]) => (p.length ? p.join('.') : 'body')
  if (typeof value === 'string') {
    const found = findInvisible(value)
    return found && `${where(path)}: ${describeInvisible(found)}`
  }
  if (value === null || typeof value !== 'object') return null
  for (const [key, item] of Object.entries(value)) {
    const inKey = findInvisible(key)
    if (inKey) return `the key ${JSON.stringify(key)} in ${where(path)}: ${describeInvisible(inKey)}`
    const inItem = invisibleIn(item, [...path, key])
    if (inItem) return inItem
  }
  return null
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.length ? issue.path.map(String).join('.') : 'body'
  return `${path}: ${issue.message}`
}

export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const type = c.req.header('Content-Type') ?? ''
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new ApiError(415, 'unsupported_media_type', `Content-Type must be application/json (got "${type || 'none'}")`)
  }
  // JSON is UTF-8 (RFC 8259 §8.1); a declared other charset means the client encoded something we would misread.
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(type)?.[1]
  if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
    throw new ApiError(415, 'unsupported_media_type', `charset=${charset} is not accepted: send the JSON as UTF-8 (charset=utf-8 or no charset)`)
  }
  // Bytes, not c.req.text(): the text decoder would silently drop a byte-order mark and mend invalid UTF-8.
  const bytes = await readBytes(c)
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    throw badRequest('the body starts with a byte-order mark; send plain UTF-8 JSON', 'invalid_json')
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw badRequest('the body is not valid UTF-8', 'invalid_json')
  }
  if (text.trim() === '') throw badRequest('the body is empty; send a JSON object', 'invalid_json')
  const shape = checkJsonShape(text)
  if (shape?.kind === 'too_deep') {
    throw badRequest(`the body nests arrays or objects more than ${MAX_JSON_DEPTH} deep; no record needs that`, 'too_deep')
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (err) {
    throw badRequest(`the body is not valid JSON: ${(err as Error).message}`, 'invalid_json')
  }
  if (shape?.kind === 'duplicate_key') {
    const where = shape.path ? ` in ${shape.path}` : ''
    throw badRequest(`the key "${shape.key}" appears twice${where}; send each key once`, 'duplicate_key')
  }
  const invisible = invisibleIn(value)
  if (invisible) throw badRequest(invisible, 'invisible_character')
  const parsed = schema.safeParse(value)
  if (!parsed.success) {
    const issues = parsed.error.issues
    throw new ApiError(422, 'invalid', issues.slice(0, 5).map(describeIssue).join('; ') + (issues.length > 5 ? ` (and ${issues.length - 5} more)` : ''))
  }
  return parsed.data
}
