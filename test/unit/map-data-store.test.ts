// The map's data store (web/src/stores/map-data.ts) under answers that arrive out of order: a live refresh of the
// choropleth cancels the one in flight, and a view change cancels both, so an older answer arriving last never
// paints stale colours. Run without a browser: the URL, history and fetch are stand-ins, answers come when the test
// says so.
import { afterAll, beforeEach, expect, test, vi } from 'vitest'
import { nextTick } from 'vue'
import { createPinia, setActivePinia } from 'pinia'

interface Pending { url: string; signal: AbortSignal | undefined; answer: (body: unknown) => void }
const pending: Pending[] = []

vi.stubGlobal('window', { location: { search: '', pathname: '/' }, addEventListener: () => {} })
vi.stubGlobal('history', { pushState: () => {}, replaceState: () => {} })
vi.stubGlobal('fetch', (url: string, init?: { signal?: AbortSignal }) => new Promise((resolve, reject) => {
  const signal = init?.signal
  signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))
  pending.push({ url, signal, answer: (body) => resolve(new Response(JSON.stringify(body), { status: 200 })) })
}))
afterAll(() => vi.unstubAllGlobals())

const { useMapDataStore } = await import('../../web/src/stores/map-data')
const { useLiveStore } = await import('../../web/src/stores/live')
const { useViewStore } = await import('../../web/src/stores/view')

/** Lets the store's awaits and Vue's watchers run. */
const settle = async () => { for (let i = 0; i < 10; i++) { await nextTick(); await new Promise((r) => setTimeout(r, 0)) } }

/** Answers every request still waiting whose URL matches: a map list, a TileJSON, the config or a choropleth. */
function answer(match: (url: string) => boolean, choropleth: Record<string, number>) {
  const due = pending.filter((p) => match(p.url))
  pending.splice(0, pending.length, ...pending.filter((p) => !match(p.url)))
  for (const p of due) {
    if (p.url.includes('/api/metrics/choropleth')) p.answer({ level: 'township', metric: 'reports', values: choropleth })
    else if (p.url.includes('/api/tiles/incidents.json')) p.answer({ tiles: ['/api/tiles/incidents/{z}/{x}/{y}.mvt'], count: 0 })
    else if (p.url.includes('/api/config')) p.answer({})
    else p.answer({ type: 'FeatureCollection', features: [], next: null })
  }
}
const isChoropleth = (url: string) => url.includes('/api/metrics/choropleth')
const waiting = () => pending.filter((p) => isChoropleth(p.url) && !p.signal?.aborted)

beforeEach(async () => {
  pending.splice(0)
  setActivePinia(createPinia())
  const data = useMapDataStore()
  void data.load()
  await settle()
  answer(() => true, { '330329101': 1 })
  await settle()
  expect(data.status).toBe('ready')
})

test('a second live refresh cancels the first: its late answer does not replace the newer colours', async () => {
  const data = useMapDataStore()
  const live = useLiveStore()
  live.revision++
  await settle()
  const first = pending.filter((p) => isChoropleth(p.url))
  expect(first).toHaveLength(2) // township and grid values
  live.revision++
  await settle()
  expect(first.every((p) => p.signal?.aborted)).toBe(true)
  // The second refresh's requests are the ones not aborted: answer them, then the first's (late, and cancelled).
  expect(waiting()).toHaveLength(2)
  for (const p of waiting()) p.answer({ values: { '330329101': 3 } })
  await settle()
  for (const p of first) p.answer({ values: { '330329101': 2 } })
  await settle()
  expect(data.townshipValues).toEqual({ '330329101': 3 })
})

test('a view change cancels a live refresh in flight: the new view keeps its own colours', async () => {
  const data = useMapDataStore()
  const live = useLiveStore()
  const view = useViewStore()
  live.revision++
  await settle()
  const refresh = pending.filter((p) => isChoropleth(p.url))
  expect(refresh.length).toBeGreaterThan(0)
  view.setRange('7d')
  await settle()
  expect(refresh.every((p) => p.signal?.aborted)).toBe(true)
  answer((url) => !refresh.some((p) => p.url === url), { '330329101': 7 })
  await settle()
  expect(data.status).toBe('ready')
  for (const p of refresh) p.answer({ values: { '330329101': 30 } })
  await settle()
  expect(data.townshipValues).toEqual({ '330329101': 7 })
})

test('the off-list switch narrows the choropleth as it narrows the points', async () => {
  const view = useViewStore()
  view.setOffList(true)
  await settle()
  const asked = pending.filter((p) => !p.signal?.aborted)
  expect(asked.filter((p) => p.url.includes('/api/incidents')).every((p) => p.url.includes('onList=false'))).toBe(true)
  const colours = asked.filter((p) => isChoropleth(p.url))
  expect(colours).toHaveLength(2)
  expect(colours.every((p) => new URL(p.url, 'http://x').searchParams.get('onList') === 'false')).toBe(true)
})
