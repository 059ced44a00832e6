// Answers in the GeoReport v2 shapes: JSON arrays (a list, or a one-element list for a single request, as the spec
// has it), and XML with a root element and one child per item (<service_requests><request>…). Errors too are a
// list: [{"code":400,"description":"…"}], <errors><error><code>400</code><description>…</description></error></errors>.
import type { Context } from 'hono'
import { XMLBuilder } from 'fast-xml-parser'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

export type Format = 'json' | 'xml'

const xml = new XMLBuilder({ ignoreAttributes: true, format: false })

/** Nulls as empty elements, so every item has the same children in XML as keys in JSON. */
function forXml(value: unknown): unknown {
  if (value === null || value === undefined) return ''
  if (Array.isArray(value)) return value.map(forXml)
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, forXml(v)]))
  return value
}

export const xmlText = (root: string, body: unknown) =>
  `<?xml version="1.0" encoding="utf-8"?>${xml.build({ [root]: forXml(body) }) as string}`

/**
 * A list of items: JSON `[…]`, XML `<root><item>…</item>…</root>`. `headers`: Cache-Control, Location.
 */
export function sendList(c: Context, format: Format, root: string, item: string, items: readonly object[],
  status: ContentfulStatusCode = 200, headers: Record<string, string> = {}): Response {
  if (format === 'json') return c.body(JSON.stringify(items), status, { 'Content-Type': 'application/json; charset=utf-8', ...headers })
  return c.body(xmlText(root, { [item]: items }), status, { 'Content-Type': 'text/xml; charset=utf-8', ...headers })
}

/** One object that is the answer's root in XML (a service definition) and a bare object in JSON. */
export function sendObject(c: Context, format: Format, root: string, body: object, headers: Record<string, string> = {}): Response {
  if (format === 'json') return c.body(JSON.stringify(body), 200, { 'Content-Type': 'application/json; charset=utf-8', ...headers })
  return c.body(xmlText(root, body), 200, { 'Content-Type': 'text/xml; charset=utf-8', ...headers })
}

export function sendErrors(c: Context, format: Format, status: ContentfulStatusCode, description: string, headers: Record<string, string> = {}): Response {
  const errors = [{ code: status, description }]
  return sendList(c, format, 'errors', 'error', errors, status, { 'Cache-Control': 'no-store', ...headers })
}

/** The format a path asks for by its extension; JSON when it names none (errors about such a path are in JSON). */
export function formatOf(path: string): Format {
  return /\.xml$/i.test(path) ? 'xml' : 'json'
}
