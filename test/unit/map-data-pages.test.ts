// The map's list fetcher (web/src/api/map-data.ts fetchAllPages) against what the document says a list answers: a
// whistle call's feature has no geometry when its township's seat is not on record (WhistleFeature in
// domain/answers/whistle.ts), and the map draws points, so such a feature must not reach it (whistle-arcs.ts
// reads geometry.coordinates of every whistle feature).
import { afterAll, expect, test, vi } from 'vitest'

const feature = (id: number, geometry: { type: 'Point'; coordinates: [number, number] } | null) =>
  ({ type: 'Feature', id, geometry, properties: { id, township: '330329101', department: 'x', kind: 'x', status: 'whistled' } })
const pages: Record<string, unknown> = {
  '': { type: 'FeatureCollection', features: [feature(1, { type: 'Point', coordinates: [119.7, 27.55] }), feature(2, null)], next: 'c2' },
  c2: { type: 'FeatureCollection', features: [feature(3, null), feature(4, { type: 'Point', coordinates: [119.8, 27.5] })], next: null },
}
vi.stubGlobal('fetch', async (url: string) =>
  new Response(JSON.stringify(pages[new URL(url, 'http://x').searchParams.get('cursor') ?? '']), { status: 200 }))
afterAll(() => vi.unstubAllGlobals())

const { fetchAllPages } = await import('../../web/src/api/map-data')

test('a listed record without a point (a whistle call of a township whose seat is not on record) stays off the map', async () => {
  const { features, truncated } = await fetchAllPages('/api/whistles', { scope: '330329', from: '2026-01-01', to: '2026-02-01' }, new AbortController().signal)
  expect(features.map((f) => f.id)).toEqual([1, 4])
  expect(truncated).toBe(false)
})
