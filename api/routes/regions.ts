// GET /api/regions/{county,townships,villages,grids}: boundaries as RFC 7946 FeatureCollections, with ETags so
// clients revalidate cheaply. Each body is kept serialised and gzipped (services/regions.ts bodyCache), so the
// app-wide compression does not gzip the same 370 kB of grids again for every screen that opens.
import { Hono } from 'hono'
import type { Context } from 'hono'
import { unprocessable } from '../errors'
import { sendReady } from '../http/conditional'
import { bodyCache, filterCollection } from '../services/regions'
import type { Regions, SerialisedBody } from '../services/regions'

// Boundaries change only with a new build, but revalidate so a redeploy is seen within minutes.
const sendGeoJson = (c: Context, body: SerialisedBody) =>
  sendReady(c, body, 'application/geo+json; charset=utf-8', 'public, max-age=300, must-revalidate')

function requireKnown(id: string | undefined, param: string, known: Set<string>, example: string) {
  if (id === undefined) return undefined
  if (!known.has(id)) {
    throw unprocessable(`${param}="${id}" is not a known ${param} code: use one of the ids from /api/regions/${param === 'township' ? 'townships' : 'villages'} (e.g. ${example})`, 'unknown_region')
  }
  return id
}

export function regionRoutes(regions: Regions) {
  const cached = bodyCache()
  const townshipIds = new Set(regions.townships.features.map((f) => f.properties.id))
  const villageIds = new Set(regions.villages.features.map((f) => f.properties.id))

  return new Hono()
    .get('/county', (c) => sendGeoJson(c, cached('county', () => regions.county)))
    .get('/townships', (c) => sendGeoJson(c, cached('townships', () => regions.townships)))
    .get('/villages', (c) => {
      const township = requireKnown(c.req.query('township'), 'township', townshipIds, '330329100')
      return sendGeoJson(c, cached(`villages:${township ?? ''}`, () =>
        township ? filterCollection(regions.villages, (f) => f.properties.township === township) : regions.villages))
    })
    .get('/grids', (c) => {
      const township = requireKnown(c.req.query('township'), 'township', townshipIds, '330329100')
      const village = requireKnown(c.req.query('village'), 'village', villageIds, '330329100005')
      return sendGeoJson(c, cached(`grids:${township ?? ''}:${village ?? ''}`, () =>
        filterCollection(regions.grids, (f) =>
          (!township || f.properties.township === township) && (!village || f.properties.village === village))))
    })
}
