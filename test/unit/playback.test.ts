// Playback (web/src/stores/playback.ts): the view steps through the range one day at a time, then comes back to the
// range that was played, leaving no history entries behind. Run without a browser: URL and history are stand-ins.
import { afterAll, expect, test, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'

vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] })
vi.setSystemTime(Date.parse('2026-12-07T02:00:00Z'))
const pushed: string[] = []
const location = { search: '?range=7d', pathname: '/' }
vi.stubGlobal('window', { location, addEventListener: () => {} })
vi.stubGlobal('history', {
  pushState: (_: unknown, __: string, url: string) => { pushed.push(url); location.search = url.slice(1) },
  replaceState: (_: unknown, __: string, url: string) => { location.search = url.slice(1) },
})
afterAll(() => { vi.useRealTimers(); vi.unstubAllGlobals() })

const { usePlaybackStore, PLAYBACK_STEP_MS } = await import('../../web/src/stores/playback')
const { useViewStore } = await import('../../web/src/stores/view')

test('seven days played one by one, then the week again; no history entry for any of it', () => {
  setActivePinia(createPinia())
  const view = useViewStore()
  const playback = usePlaybackStore()
  expect(view.state.range).toBe('7d')
  playback.play()
  const days: string[] = [`${view.state.from}…${view.state.to}`]
  for (let i = 1; i < 7; i++) {
    vi.advanceTimersByTime(PLAYBACK_STEP_MS)
    days.push(`${view.state.from}…${view.state.to}`)
  }
  expect(days).toEqual(['12-01', '12-02', '12-03', '12-04', '12-05', '12-06', '12-07'].map((d) => `2026-${d}…2026-${d}`))
  expect(playback.span?.days).toBe(7)
  expect(playback.dayStart).toBe(Date.parse('2026-12-06T16:00:00Z'))
  vi.advanceTimersByTime(PLAYBACK_STEP_MS)
  expect(playback.playing).toBe(false)
  expect([view.state.range, view.state.from, view.state.to]).toEqual(['7d', null, null])
  expect(pushed).toEqual([])
})

test('stopped midway, the view goes back to the range that was played', () => {
  setActivePinia(createPinia())
  const view = useViewStore()
  const playback = usePlaybackStore()
  playback.play()
  vi.advanceTimersByTime(PLAYBACK_STEP_MS * 2)
  expect(view.state.range).toBe('custom')
  playback.stop()
  expect(view.state.range).toBe('7d')
  expect(playback.dayStart).toBeNull()
})
