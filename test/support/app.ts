// Builds the real app over a fresh, migrated database in a temp directory, with a pinned clock that tests can
// move. No server, no network: requests go through app.request().
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createApp } from '../../api/app'
import type { AppDeps } from '../../api/app'
import { loadRegions } from '../../api/services/regions'
import type { Regions } from '../../api/services/regions'
import { openStore } from '../../api/store'

let regions: Regions | undefined

export interface TestApp extends ReturnType<typeof createApp> {
  store: ReturnType<typeof openStore>
  clock: { now: number }
  json: (path: string, init?: RequestInit) => Promise<{ status: number; body: any; headers: Headers }>
  post: (path: string, body: unknown, headers?: Record<string, string>) => Promise<{ status: number; body: any; headers: Headers }>
  count: (table: string) => number
  close: () => void
}

export const T0 = Date.parse('2026-11-27T02:00:00Z')

/** `options.trust` overrides the rate limits etc. (a corpus of hundreds of writes from one client would trip them). */
export function testApp(startAt = T0, options: Pick<AppDeps, 'trust'> = {}): TestApp {
  regions ??= loadRegions()
  const dir = mkdtempSync(join(tmpdir(), 'onemap-test-'))
  const store = openStore(join(dir, 'test.db'))
  const clock = { now: startAt }
  const onemap = createApp({ regions, store, now: () => clock.now, ...options })
  const json = async (path: string, init?: RequestInit) => {
    const res = await onemap.app.request(path, init)
    const text = await res.text()
    return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers }
  }
  return {
    ...onemap,
    store,
    clock,
    json,
    post: (path, body, headers = {}) => json(path, {
      method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body),
      headers: { 'Content-Type': 'application/json', ...headers },
    }),
    count: (table) => (store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n,
    close: () => { store.close(); rmSync(dir, { recursive: true, force: true }) },
  }
}
