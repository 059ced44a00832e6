// For bodies the server keeps ready (region boundaries, tiles): a conditional GET answered by weak comparison, and
// whether the client takes the gzip bytes made once; `sendReady` answers with both. A browser sends back the ETag it was given, which a
// compressing proxy or middleware may have weakened (W/"…"); RFC 9110 §13.1.2 has If-None-Match compare weakly,
// and it may carry a list or `*`.
import type { Context } from 'hono'

const opaque = (tag: string) => tag.trim().replace(/^W\//, '')

/** Whether If-None-Match names `etag` (or is `*`): the client's copy is current, answer 304. */
export function notModified(c: Context, etag: string): boolean {
  const header = c.req.header('If-None-Match')
  if (!header) return false
  if (header.trim() === '*') return true
  return header.split(',').some((tag) => opaque(tag) === opaque(etag))
}

/** Whether Accept-Encoding allows gzip: named (or `*`) with a quality above 0. */
export function acceptsGzip(c: Context): boolean {
  const header = c.req.header('Accept-Encoding')
  if (!header) return false
  const quality = (name: string) => {
    for (const part of header.split(',')) {
      const [coding, ...params] = part.split(';').map((s) => s.trim().toLowerCase())
      if (coding !== name) continue
      const q = params.find((p) => p.startsWith('q='))
      return q ? Number(q.slice(2)) : 1
    }
    return null
  }
  return (quality('gzip') ?? quality('*') ?? 0) > 0
}

/** A body the server keeps ready: plain, gzipped once, and its ETag. */
export interface ReadyBody { raw: string | Uint8Array; gz: Uint8Array; etag: string }

/**
 * Sends a ready body: 304 when the client's copy is current, else the gzip bytes or the plain ones as the client
 * accepts. The headers a cache needs (ETag, Cache-Control, Vary) go on both.
 */
export function sendReady(c: Context, { raw, gz, etag }: ReadyBody, contentType: string, cacheControl: string) {
  const headers: Record<string, string> = { ETag: etag, 'Cache-Control': cacheControl, Vary: 'Accept-Encoding' }
  if (notModified(c, etag)) return c.body(null, 304, headers)
  headers['Content-Type'] = contentType
  const gzip = acceptsGzip(c)
  if (gzip) headers['Content-Encoding'] = 'gzip'
  // Hono wants an ArrayBuffer-backed view; the Buffers from zlib and pbf's Uint8Array both are.
  const body = gzip ? gz : raw
  return typeof body === 'string' ? c.body(body, 200, headers) : c.body(body as Uint8Array<ArrayBuffer>, 200, headers)
}
