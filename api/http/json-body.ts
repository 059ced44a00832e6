// Reads and validates a JSON request body. Every way a body can be wrong gets its own 4xx with a message that
// says what to change; nothing reaches a service unless it parsed and validated completely.
import type { Context, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { z } from 'zod'
import { ApiError, badRequest } from '../errors'

export const MAX_BODY_BYTES = 64 * 1024

/** Rejects bodies over `maxSize` bytes before they are read into memory, with or without Content-Length. */
export const limitBodyTo = (maxSize: number, advice: string): MiddlewareHandler => bodyLimit({
  maxSize,
  onError: (c) => c.json({ error: { code: 'too_large', message: `request body is over ${maxSize / 1024} KB; ${advice}` } }, 413),
})

export const limitBody: MiddlewareHandler = limitBodyTo(MAX_BODY_BYTES, 'send one record per request')

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.length ? issue.path.map(String).join('.') : 'body'
  return `${path}: ${issue.message}`
}

export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const type = c.req.header('Content-Type') ?? ''
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new ApiError(415, 'unsupported_media_type', `Content-Type must be application/json (got "${type || 'none'}")`)
  }
  // Bytes, not c.req.text(): the text decoder would silently drop a byte-order mark and mend invalid UTF-8.
  const bytes = new Uint8Array(await c.req.arrayBuffer())
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    throw badRequest('the body starts with a byte-order mark; send plain UTF-8 JSON', 'invalid_json')
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw badRequest('the body is not valid UTF-8', 'invalid_json')
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (err) {
    throw badRequest(`the body is not valid JSON: ${(err as Error).message}`, 'invalid_json')
  }
  const parsed = schema.safeParse(value)
  if (!parsed.success) {
    const issues = parsed.error.issues
    throw new ApiError(422, 'invalid', issues.slice(0, 5).map(describeIssue).join('; ') + (issues.length > 5 ? ` (and ${issues.length - 5} more)` : ''))
  }
  return parsed.data
}
