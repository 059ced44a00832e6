// The web's batch 督办 (web/src/selection/batch-supervise.ts): the overdue ids inside a selection are every page's,
// a selection of more than the API's 500 goes in several requests with partial: true and the counts add up, the
// refusals keep their reasons, and only a leader and a township officer are offered levels (their own first).
import { afterAll, expect, test, vi } from 'vitest'

const posted: { ids: number[]; note: string; level: string; partial: boolean }[] = []
const feature = (id: number) => ({ type: 'Feature', id, geometry: { type: 'Point', coordinates: [119.7, 27.55] }, properties: { id, status: 'handling', overdue: true } })
vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
  const u = new URL(url, 'http://x')
  if (init?.method === 'POST') {
    const body = JSON.parse(String(init.body)) as (typeof posted)[number]
    posted.push(body)
    const results = body.ids.map((id) => (id % 100 === 0 ? { id, ok: false, code: 'invalid_transition', message: `#${id} is not overdue` } : { id, ok: true, status: 'handling' }))
    return new Response(JSON.stringify({ supervised: results.filter((r) => r.ok).length, results }), { status: 200 })
  }
  const cursor = u.searchParams.get('cursor')
  const from = cursor ? Number(cursor) : 1
  const to = Math.min(from + 400, 1201)
  const page = { type: 'FeatureCollection', features: Array.from({ length: to - from }, (_, i) => feature(from + i)), next: to < 1201 ? String(to) : null }
  return new Response(JSON.stringify(page), { status: 200 })
})
afterAll(() => vi.unstubAllGlobals())

const { batchLevels, overdueIdsWithin, superviseBatch } = await import('../../web/src/selection/batch-supervise')

test('every page of the selection\'s overdue incidents, then the order in batches of 500 with the refusals kept', async () => {
  const ids = await overdueIdsWithin('330329100', '{"type":"Polygon"}')
  expect(ids).toHaveLength(1200)
  const outcome = await superviseBatch(ids, '限期办结', 'county')
  expect(posted.map((p) => p.ids.length)).toEqual([500, 500, 200])
  expect(posted.every((p) => p.partial && p.level === 'county' && p.note === '限期办结')).toBe(true)
  expect(outcome.supervised).toBe(1188)
  expect(outcome.refused).toHaveLength(12)
  expect(outcome.refused[0]).toEqual({ id: 100, code: 'invalid_transition', message: '#100 is not overdue' })
})

test('levels: a leader county first (township too), an officer township only, nobody else', () => {
  expect(batchLevels('leader')).toEqual(['county', 'township'])
  expect(batchLevels('township')).toEqual(['township'])
  for (const role of ['grid', 'department', 'admin', undefined]) expect(batchLevels(role)).toEqual([])
})
