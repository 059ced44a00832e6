// The shared headline figures (web/src/stores/metrics.ts) follow the clock as well as the view: overdue counts
// change as deadlines pass, so the summary is asked again at each tick of the view's minute clock. Run without a
// browser: the URL, history and fetch are stand-ins.
import { afterAll, expect, test, vi } from 'vitest'
import { nextTick } from 'vue'
import { createPinia, setActivePinia } from 'pinia'

const asked: string[] = []
vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] })
vi.stubGlobal('window', { location: { search: '', pathname: '/' }, addEventListener: () => {} })
vi.stubGlobal('history', { pushState: () => {}, replaceState: () => {} })
vi.stubGlobal('fetch', async (url: string) => {
  asked.push(url)
  return new Response(JSON.stringify({ scope: '330329', metrics: { reports: 1, overdue: 1 } }), { status: 200 })
})
afterAll(() => { vi.useRealTimers(); vi.unstubAllGlobals() })

const { useMetricsStore } = await import('../../web/src/stores/metrics')

const settle = async () => { for (let i = 0; i < 5; i++) { await nextTick(); await Promise.resolve() } }
const summaries = () => asked.filter((u) => u.startsWith('/api/metrics/summary')).length

test('the summary is asked again each minute, with the same view', async () => {
  setActivePinia(createPinia())
  const metrics = useMetricsStore()
  await settle()
  expect(metrics.summary.status).toBe('ready')
  // The summary, and the month-to-date comparison's two.
  const first = summaries()
  expect(first).toBeGreaterThanOrEqual(1)
  vi.advanceTimersByTime(30_000)
  await settle()
  expect(summaries()).toBe(first)
  vi.advanceTimersByTime(30_000)
  await settle()
  expect(summaries()).toBeGreaterThan(first)
  expect(metrics.summary.data?.metrics.overdue).toBe(1)
})
