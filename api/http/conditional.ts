// For bodies the server keeps ready (region boundaries, tiles): a conditional GET answered by weak comparison, and
// whether the client takes the gzip bytes made once. A browser sends back the ETag it was given, which a
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
