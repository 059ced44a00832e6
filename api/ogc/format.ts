// Which encoding an answer takes: `f=json|html`, else the Accept header (a browser asks for text/html first, GDAL
// and QGIS for JSON), else JSON.
import type { Context } from 'hono'
import { badRequest } from '../errors'

export type OgcFormat = 'json' | 'html'

export function formatOf(c: Context): OgcFormat {
  const f = c.req.query('f')
  if (f !== undefined && f !== '') {
    if (f === 'json' || f === 'html') return f
    throw badRequest(`f="${f}" is not an encoding this service offers: use f=json (GeoJSON and JSON) or f=html`, 'unsupported_format')
  }
  const accept = (c.req.header('Accept') ?? '').toLowerCase()
  const html = accept.indexOf('text/html')
  if (html === -1) return 'json'
  const json = [accept.indexOf('json')].filter((i) => i !== -1)
  return json.length && json[0]! < html ? 'json' : 'html'
}
