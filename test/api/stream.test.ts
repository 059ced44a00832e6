// GET /api/stream beyond its filter (auth.test.ts): the frame format, replay from Last-Event-ID, the `reset`
// past the replay limit, clean-up when a client goes away, and the bound on what a client that stops reading
// may hold in memory (it is closed, and on reconnecting replays what it missed).
import { afterAll, beforeAll, expect, test } from 'vitest'
import { MAX_BUFFERED } from '../../api/routes/stream'
import { testApp } from '../support/app'
import { readUntil } from '../support/sse'
import type { TestApp } from '../support/app'

let t: TestApp
beforeAll(async () => { t = await testApp() })
afterAll(async () => await t.close())

const open = (query = '', headers: Record<string, string> = {}) => t.app.request(`/api/stream${query}`, { headers: { ...t.auth, ...headers } })

/** Appends events in one transaction and fans them out, as a write would. */
async function publish(n: number, payload: (i: number) => unknown = (i) => ({ id: i })) {
  await t.store.transaction(async () => { for (let i = 0; i < n; i++) await t.store.events.append(t.clock.now, 'incident.updated', i, '330329100', payload(i), null) })
  await t.bus.notify()
}

test('replays what was missed after Last-Event-ID as event/data/id frames, then `ready` with the last id', async () => {
  const since = t.bus.lastId
  await publish(3)
  const res = await open('', { 'Last-Event-ID': String(since) })
  expect(res.status).toBe(200)
  expect(res.headers.get('Content-Type')).toBe('text/event-stream')
  expect(res.headers.get('Content-Encoding')).toBeNull()
  const { text } = await readUntil(res, (s) => s.includes('event: ready'))
  const frames = text.split('\n\n').filter(Boolean)
  expect(frames.slice(0, 3)).toEqual([0, 1, 2].map((i) => `event: incident.updated\ndata: {"id":${i}}\nid: ${since + 1 + i}`))
  expect(frames[3]).toBe(`event: ready\ndata: {"lastEventId":${since + 3}}`)
})

test('live events follow `ready` in id order; the same event is never sent twice', async () => {
  const res = await open()
  const reading = readUntil(res, (s) => (s.match(/^id: /gm) ?? []).length >= 5)
  await new Promise((r) => setTimeout(r, 50))
  const first = t.bus.lastId + 1
  await publish(5)
  await t.bus.notify() // a second fan-out of the same log delivers nothing new
  const { text } = await reading
  expect([...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]))).toEqual([0, 1, 2, 3, 4].map((i) => first + i))
})

test('more missed events than the replay limit give one `reset` (refetch), then live events', async () => {
  const since = t.bus.lastId
  await publish(2001)
  const { text } = await readUntil(await open(`?lastEventId=${since}`), (s) => s.includes('event: ready'))
  expect(text).toMatch(/^event: reset\ndata: .*refetch.*\nid: \d+\n\nevent: ready/)
  expect(text).not.toContain('incident.updated')
})

test('a malformed Last-Event-ID is a 400 that says what an event id is', async () => {
  const res = await open('?lastEventId=abc')
  expect(res.status).toBe(400)
  expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/not an event id/)
})

test('a client that goes away is unsubscribed', async () => {
  const before = t.bus.size
  const res = await open()
  expect(t.bus.size).toBe(before + 1)
  await readUntil(res, (s) => s.includes('event: ready'))
  expect(t.bus.size).toBe(before)
})

test('a client that stops reading is closed once MAX_BUFFERED bytes wait for it, and replays them on reconnect', async () => {
  const before = t.bus.size
  const since = t.bus.lastId
  const res = await open()
  const big = 'x'.repeat(64 * 1024)
  const n = Math.ceil(MAX_BUFFERED / big.length) + 4
  await publish(n, (i) => ({ id: i, big }))
  // Dropped: no longer subscribed, and its stream ends after what was queued.
  expect(t.bus.size).toBe(before)
  const { text, done } = await readUntil(res, () => false, 10_000)
  expect(done).toBe(true)
  const got = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]))
  expect(got.length).toBeGreaterThan(0)
  expect(got.length).toBeLessThan(n)
  // Reconnecting from the last id it read gets the rest, in order.
  const again = await readUntil(await open('', { 'Last-Event-ID': String(got.at(-1)) }), (s) => s.includes('event: ready'), 10_000)
  const rest = [...again.text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]))
  expect([...got, ...rest]).toEqual(Array.from({ length: n }, (_, i) => since + 1 + i))
})

test('a client dropped while its replay is still being queued is unsubscribed and never filed', async () => {
  const [subscribed, filed] = [t.bus.size, t.streams.size]
  const since = t.bus.lastId
  const big = 'x'.repeat(64 * 1024)
  await publish(Math.ceil(MAX_BUFFERED / big.length) + 4, (i) => ({ id: i, big }))
  const res = await open('', { 'Last-Event-ID': String(since) })
  // The server ends the body once MAX_BUFFERED bytes wait: what was queued is read, then the body is done.
  await res.text()
  expect([t.bus.size, t.streams.size]).toEqual([subscribed, filed])
})
