// OGC API – Features at /ogc: landing page, conformance, the OpenAPI document, the collections, their items
// (GeoJSON, keyset pages with next links) and single items, in JSON or HTML. The middlewares of /api stand in
// front (app.ts: who is asking, the audit, the route × role table of auth/policy.ts, caching); the record
// collections read the JSON lists' services, so the scope, the reach and the masking are theirs.
import { Hono } from 'hono'
import type { Context } from 'hono'
import type { Feature } from 'geojson'
import { COUNTY_BBOX_WGS84, COUNTY_NAME } from '../../domain/regions'
import { admits, routePolicy } from '../auth/policy'
import type { AuthEnv } from '../auth/principal'
import { principalOf } from '../auth/principal'
import { badRequest } from '../errors'
import type { Regions } from '../services/regions'
import { parseOgcBbox } from './bbox'
import { CRS84, STORAGE_CRS, SUPPORTED_CRS, inCrs, parseCrs } from './crs'
import { parseDatetimes } from './datetime'
import { OGC_PREFIX, ogcNotFound } from './exception'
import { formatOf } from './format'
import type { OgcFormat } from './format'
import { htmlPage, htmlParagraph, htmlTable } from './html'
import { GEOJSON_TYPE, HTML_TYPE, JSON_TYPE, OPENAPI_TYPE, selfLinks, urlOf } from './links'
import type { Link } from './links'
import { LIMIT, buildOgcOpenApi } from './openapi'
import type { RecordCollection, RecordServices } from './record-collections'
import { recordCollections } from './record-collections'
import type { RegionCollection } from './region-collections'
import { regionCollections } from './region-collections'

type Collection = RecordCollection | RegionCollection

export const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
  'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
]

const TITLE = `${COUNTY_NAME.name}一张图 OGC API – Features`
/**
 * Who may keep a copy (api/http/cache-control.ts has the classes): boundaries are the same for everyone; a record
 * collection's answer depends on the caller's area but names no one (list features carry no personal data), and
 * so does the list of collections (it shows what the caller may read).
 */
const PUBLIC_CACHE = 'public, max-age=300, must-revalidate'
const PER_CALLER = 'private, no-cache'
const cacheOf = (col: { kind: 'region' | 'record' }) => (col.kind === 'region' ? PUBLIC_CACHE : PER_CALLER)
const GREGORIAN = 'http://www.opengis.net/def/uom/ISO-8601/0/Gregorian'

/** `limit`: a whole number from 1; above the maximum it is cut to it, as OGC API – Features asks (no error). */
function parseOgcLimit(c: Context): number {
  const raw = c.req.query('limit')
  if (raw === undefined || raw === '') return LIMIT.default
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1) {
    throw badRequest(`limit="${raw}" must be a whole number from 1 to ${LIMIT.max} (more is cut to ${LIMIT.max}); follow the next link for more`, 'invalid_limit')
  }
  return Math.min(Number(raw), LIMIT.max)
}

/** JSON, or the HTML page built by `html` when the request asked for HTML. */
function send(c: Context, format: OgcFormat, body: object, html: () => string, type = JSON_TYPE, headers: Record<string, string> = {}) {
  for (const [k, v] of Object.entries(headers)) c.header(k, v)
  // The encoding follows Accept when f= is absent: a cache must not hand a browser's HTML to GDAL.
  c.header('Vary', 'Accept', { append: true })
  if (format === 'html') return c.html(html())
  return c.body(JSON.stringify(body), 200, { 'Content-Type': type })
}

export function ogcRoutes(deps: RecordServices & { regions: Regions }) {
  const collections: Collection[] = [...regionCollections(deps.regions), ...recordCollections(deps)]
  const openapi = JSON.stringify(buildOgcOpenApi(collections))

  /** The collections this caller may read: by the policy table, as the items route would decide. */
  const readable = (c: Context) => collections.filter((col) => {
    const policy = routePolicy('GET', `${OGC_PREFIX}/collections/${col.id}/items`)
    if (!policy) return false
    if (policy.access === 'public') return true
    const who = principalOf(c)
    return who !== null && admits(policy.access, who.role)
  })

  const describe = (c: Context, col: Collection, links: Link[]) => ({
    id: col.id, title: col.title, description: col.description,
    links: [
      ...links,
      { href: urlOf(c, `${OGC_PREFIX}/collections/${col.id}/items`, { f: 'json' }, false), rel: 'items', type: GEOJSON_TYPE, title: `${col.title} (GeoJSON)` },
      { href: urlOf(c, `${OGC_PREFIX}/collections/${col.id}/items`, { f: 'html' }, false), rel: 'items', type: HTML_TYPE, title: `${col.title} (HTML)` },
    ],
    extent: {
      spatial: { bbox: [[...COUNTY_BBOX_WGS84]], crs: CRS84 },
      ...(col.temporal ? { temporal: { interval: [[null, null]], trs: GREGORIAN } } : {}),
    },
    itemType: 'feature', crs: [...SUPPORTED_CRS], storageCrs: STORAGE_CRS,
  })

  const app = new Hono<AuthEnv>()
  app.get('/', (c) => {
    const format = formatOf(c)
    const links: Link[] = [
      ...selfLinks(c, format),
      { href: urlOf(c, `${OGC_PREFIX}/api`, { f: 'json' }, false), rel: 'service-desc', type: OPENAPI_TYPE, title: 'the API definition (OpenAPI 3.0)' },
      { href: urlOf(c, `${OGC_PREFIX}/api`, { f: 'html' }, false), rel: 'service-doc', type: HTML_TYPE, title: 'the API definition (HTML)' },
      { href: urlOf(c, `${OGC_PREFIX}/conformance`, { f: 'json' }, false), rel: 'conformance', type: JSON_TYPE, title: 'conformance classes' },
      { href: urlOf(c, `${OGC_PREFIX}/collections`, { f: 'json' }, false), rel: 'data', type: JSON_TYPE, title: 'the collections' },
    ]
    const body = { title: TITLE, description: 'Boundaries of 泰顺县 (public) and its governance records (sign in, or send Authorization: Bearer <API token>)', links }
    return send(c, format, body, () => htmlPage(TITLE, htmlParagraph(body.description), links))
  })
  app.get('/conformance', (c) => {
    const format = formatOf(c)
    const links = selfLinks(c, format)
    return send(c, format, { conformsTo: CONFORMANCE, links }, () => htmlPage('Conformance', `<ul>${CONFORMANCE.map((u) => `<li>${u}</li>`).join('')}</ul>`, links))
  })
  app.get('/api', (c) => {
    const format = formatOf(c)
    c.header('Vary', 'Accept', { append: true })
    if (format === 'json') return c.body(openapi, 200, { 'Content-Type': OPENAPI_TYPE })
    const paths = Object.keys((JSON.parse(openapi) as { paths: object }).paths)
    return c.html(htmlPage(`${TITLE}: API`, htmlParagraph('The OpenAPI 3.0 document (f=json) describes these paths:') + `<ul>${paths.map((p) => `<li>GET ${p}</li>`).join('')}</ul>`, selfLinks(c, format, OPENAPI_TYPE)))
  })
  app.get('/collections', (c) => {
    const format = formatOf(c)
    const links = selfLinks(c, format)
    const list = readable(c).map((col) => describe(c, col, [
      { href: urlOf(c, `${OGC_PREFIX}/collections/${col.id}`, { f: 'json' }, false), rel: 'self', type: JSON_TYPE, title: col.title },
    ]))
    c.header('Cache-Control', PER_CALLER)
    return send(c, format, { links, collections: list, crs: [...SUPPORTED_CRS] }, () => htmlPage('Collections',
      htmlTable(list.map((l) => ({ id: l.id, title: l.title, description: l.description })), (r) => urlOf(c, `${OGC_PREFIX}/collections/${String(r.id)}`, { f: 'html' }, false)), links))
  })

  for (const col of collections) {
    const base = `/collections/${col.id}`
    app.get(base, (c) => {
      const format = formatOf(c)
      const body = describe(c, col, selfLinks(c, format))
      c.header('Cache-Control', cacheOf(col))
      return send(c, format, body, () => htmlPage(`${col.title} (${col.id})`, htmlParagraph(col.description) +
        htmlParagraph(`Filters: bbox, ${col.temporal ? `datetime (on ${col.temporal}), ` : ''}limit${col.kind === 'record' ? ', scope, township, village, grid' : ''}${col.filters.length ? `, ${col.filters.join(', ')}` : ''}`), body.links))
    })
    app.get(`${base}/items`, async (c) => {
      const format = formatOf(c)
      const crs = parseCrs(c.req.query('crs'), 'crs')
      const cursor = c.req.query('cursor')
      const page = await col.items(c, {
        bbox: parseOgcBbox(c.req.query('bbox'), c.req.query('bbox-crs')), range: parseDatetimes(c.req.queries('datetime')),
        limit: parseOgcLimit(c), cursor: cursor === '' ? undefined : cursor,
      })
      const features = page.features.map((f): Feature => ({ ...f, geometry: inCrs(f.geometry, crs) }))
      const links: Link[] = [
        ...selfLinks(c, format, GEOJSON_TYPE),
        ...(page.next ? [{ href: urlOf(c, null, { cursor: page.next }), rel: 'next', type: format === 'html' ? HTML_TYPE : GEOJSON_TYPE, title: 'the next page' }] : []),
        { href: urlOf(c, `${OGC_PREFIX}/collections/${col.id}`, { f: 'json' }, false), rel: 'collection', type: JSON_TYPE, title: col.title },
      ]
      const body = {
        type: 'FeatureCollection', features,
        ...(page.matched === null ? {} : { numberMatched: page.matched }), numberReturned: features.length,
        timeStamp: new Date().toISOString(), links,
      }
      return send(c, format, body, () => htmlPage(`${col.title}: features`,
        htmlParagraph(`${features.length} features${page.matched === null ? '' : ` of ${page.matched}`}`) +
        htmlTable(features.map((f) => ({ id: f.id, ...f.properties, geometry: f.geometry?.type ?? null })),
          (r) => urlOf(c, `${OGC_PREFIX}/collections/${col.id}/items/${String(r.id)}`, { f: 'html', crs: c.req.query('crs') ?? null }, false)), links),
      GEOJSON_TYPE, { 'Content-Crs': `<${crs}>`, 'Cache-Control': cacheOf(col) })
    })
    app.get(`${base}/items/:fid`, async (c) => {
      const format = formatOf(c)
      const crs = parseCrs(c.req.query('crs'), 'crs')
      const feature = await col.item(c, c.req.param('fid'))
      const links: Link[] = [
        ...selfLinks(c, format, GEOJSON_TYPE),
        { href: urlOf(c, `${OGC_PREFIX}/collections/${col.id}`, { f: 'json' }, false), rel: 'collection', type: JSON_TYPE, title: col.title },
      ]
      const body = { ...feature, geometry: inCrs(feature.geometry, crs), links }
      return send(c, format, body, () => htmlPage(`${col.title} ${String(feature.id)}`,
        htmlTable(Object.entries({ ...feature.properties, geometry: body.geometry }).map(([k, v]) => ({ property: k, value: v }))), links),
      GEOJSON_TYPE, { 'Content-Crs': `<${crs}>`, 'Cache-Control': cacheOf(col) })
    })
  }
  // Anything else under /ogc: the exception's 404 (not the web app's index.html, which the server hands to unknown paths).
  app.all('*', (c) => ogcNotFound(c))
  return app
}
