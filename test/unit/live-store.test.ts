// The web's live store (web/src/stores/live.ts) with a stand-in EventSource: a 督办 (`incident.supervised`) reaches
// the listeners like any incident event and refetches the figures and lists; the map and lists take it as an update
// of the record, without the supervision's note.
import { afterAll, expect, test, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { LIVE_EVENT_KINDS } from '../../domain/live-events'

class FakeEventSource {
  static CLOSED = 2
  static last: FakeEventSource | null = null
  readyState = 1
  readonly handlers = new Map<string, ((e: unknown) => void)[]>()
  constructor(readonly url: string) { FakeEventSource.last = this }
  addEventListener(kind: string, fn: (e: unknown) => void) { this.handlers.set(kind, [...(this.handlers.get(kind) ?? []), fn]) }
  close() {}
  emit(kind: string, data: unknown, lastEventId = '') {
    for (const fn of this.handlers.get(kind) ?? []) fn({ data: JSON.stringify(data), lastEventId })
  }
}
vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
vi.stubGlobal('EventSource', FakeEventSource)
afterAll(() => { vi.useRealTimers(); vi.unstubAllGlobals() })

const { REFRESH_MS, asIncidentUpdate, useLiveStore } = await import('../../web/src/stores/live')

const feature = { type: 'Feature', id: 7, geometry: { type: 'Point', coordinates: [119.7, 27.55] }, properties: {
  id: 7, severity: 'critical', status: 'handling', overdue: true,
  supervision: { level: 'county', note: '联系人13912345678', at: '2026-12-07T05:00:00Z', by: { name: '演示·县领导', role: 'leader' } },
} }

test('the store listens for every kind the API sends, 督办 included, and a 督办 refetches what shows figures', () => {
  setActivePinia(createPinia())
  const live = useLiveStore()
  const seen: { id: number; kind: string }[] = []
  live.onEvent((e) => seen.push({ id: e.id, kind: e.kind }))
  live.connect()
  const es = FakeEventSource.last!
  for (const kind of LIVE_EVENT_KINDS) expect(es.handlers.has(kind), kind).toBe(true)
  es.emit('open', null)
  const before = live.revision
  es.emit('incident.supervised', feature, '41')
  expect(seen).toEqual([{ id: 41, kind: 'incident.supervised' }])
  vi.advanceTimersByTime(REFRESH_MS)
  expect(live.revision).toBe(before + 1)
})

test('the map and lists take a 督办 as an update of the record, without its supervision', () => {
  const e = asIncidentUpdate({ id: 41, kind: 'incident.supervised', data: feature })
  expect(e.kind).toBe('incident.updated')
  expect(e.data).toMatchObject({ id: 7, properties: { id: 7, status: 'handling', overdue: true } })
  expect(JSON.stringify(e.data)).not.toContain('supervision')
  // The event itself is untouched (the wall's ticker reads the supervision from it).
  expect(feature.properties.supervision.level).toBe('county')
  const created = { id: 1, kind: 'incident.created', data: feature }
  expect(asIncidentUpdate(created)).toBe(created)
})
