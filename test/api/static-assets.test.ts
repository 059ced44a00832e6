// The built SPA as api/server.ts serves it: the build's own gzip and Brotli copies to a browser that accepts them
// (scripts/vite-precompress.ts), hashed assets cached for good, index.html and SPA routes asked for again each time.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { REPO, startServer } from '../support/server'
import type { RunningServer } from '../support/server'

const ASSETS = join(REPO, 'dist', 'web', 'assets')
let server: RunningServer
beforeAll(async () => { server = await startServer({ PRESET: 'demo' }) })
afterAll(() => server?.stop())

const get = (path: string, acceptEncoding: string) => fetch(`${server.url}${path}`, { headers: { 'Accept-Encoding': acceptEncoding } })

test('a hashed script is sent compressed as asked, decodes to the built file, and is cached for good', async () => {
  // The largest script: a small one's compressed copy need not be a third of it.
  const name = readdirSync(ASSETS).filter((f) => f.endsWith('.js'))
    .map((f) => ({ f, size: statSync(join(ASSETS, f)).size })).sort((a, b) => b.size - a.size)[0]!.f
  const built = readFileSync(join(ASSETS, name))
  const br = await get(`/assets/${name}`, 'br')
  expect(br.headers.get('content-encoding')).toBe('br')
  expect(br.headers.get('vary')).toMatch(/Accept-Encoding/)
  expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
  expect(Number(br.headers.get('content-length'))).toBeLessThan(built.length / 3)
  const gz = await get(`/assets/${name}`, 'gzip')
  expect(gz.headers.get('content-encoding')).toBe('gzip')
  const plain = await get(`/assets/${name}`, 'identity')
  expect(plain.headers.get('content-encoding')).toBeNull()
  expect(Buffer.from(await plain.arrayBuffer()).equals(built)).toBe(true)
  expect(brotliDecompressSync(readFileSync(join(ASSETS, `${name}.br`))).equals(built)).toBe(true)
  expect(gunzipSync(readFileSync(join(ASSETS, `${name}.gz`))).equals(built)).toBe(true)
})

test('index.html and SPA routes are asked for again each time; a missing asset stays a 404', async () => {
  for (const path of ['/', '/wall']) {
    const res = await get(path, 'gzip')
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-cache')
    expect(await res.text()).toMatch(/<script[^>]+src="\/assets\//)
  }
  expect((await get('/assets/no-such-file.js', 'gzip')).status).toBe(404)
})
