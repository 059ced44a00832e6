// The boundary collections (townships, villages, grids): public data, as /api/regions serves it (grid staff names
// masked at load). They are small and change only with a build, so they are paged in memory, in code order, with
// a cursor that names the last code of the page.
import type { Context } from 'hono'
import type { Feature } from 'geojson'
import { badRequest, notFound } from '../errors'
import type { RegionCollection as RegionFeatures, Regions } from '../services/regions'
import { boxesMeet, geometryBox } from './bbox'
import type { LngLatBox } from './bbox'
import type { ItemsPage, ItemsQuery } from './record-collections'

export interface RegionCollection {
  kind: 'region'
  id: string
  title: string
  description: string
  temporal: null
  filters: readonly string[]
  items: (c: Context, q: ItemsQuery) => Promise<ItemsPage>
  item: (c: Context, rawId: string) => Promise<Feature>
}

const encode = (id: string) => Buffer.from(id).toString('base64url')
function decode(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString()
  if (!/^\d{9,14}$/.test(id)) {
    throw badRequest(`cursor "${cursor}" is not one this service gave out: pass the next link's cursor back unchanged, or leave it out for the first page`, 'invalid_cursor')
  }
  return id
}

function regionCollection(id: string, title: string, description: string, all: RegionFeatures, filters: readonly string[]): RegionCollection {
  const features = [...all.features].sort((a, b) => (a.properties.id < b.properties.id ? -1 : 1)) as Feature[]
  const boxes = new Map(features.map((f) => [f, geometryBox(f.geometry)]))
  const byId = new Map(features.map((f) => [String(f.id), f]))
  return {
    kind: 'region', id, title, description, temporal: null, filters,
    async items(c, q) {
      if (q.range) throw badRequest(`the ${id} collection has no time property, so datetime cannot filter it: leave datetime out`, 'invalid_datetime')
      const wanted = filters.map((name) => [name, c.req.query(name)] as const).filter(([, v]) => v !== undefined && v !== '')
      const box: LngLatBox | undefined = q.bbox
      const matching = features.filter((f) => {
        if (!wanted.every(([name, v]) => f.properties?.[name] === v)) return false
        const b = boxes.get(f)
        return !box || (b !== null && b !== undefined && boxesMeet(b, box))
      })
      const after = q.cursor === undefined ? undefined : decode(q.cursor)
      const start = after === undefined ? 0 : matching.findIndex((f) => String(f.id) > after)
      const page = start === -1 ? [] : matching.slice(start, start + q.limit)
      const more = start !== -1 && start + q.limit < matching.length
      return { features: page, next: more ? encode(String(page.at(-1)!.id)) : null, matched: matching.length }
    },
    async item(_c, rawId) {
      const feature = byId.get(rawId)
      if (!feature) throw notFound(`no ${id.slice(0, -1)} with code "${rawId}": see /ogc/collections/${id}/items`)
      return feature
    },
  }
}

export function regionCollections(regions: Regions): RegionCollection[] {
  return [
    regionCollection('townships', '乡镇', 'The 19 townships of 泰顺县 (NBS codes, indicative boundaries)', regions.townships, []),
    regionCollection('villages', '村(社区)', 'Villages and communities (村、社区), with their township', regions.villages, ['township']),
    regionCollection('grids', '网格', 'Grids (网格) of the grid governance, with their village and township; staff names masked', regions.grids, ['township', 'village']),
  ]
}
