// Security headers, CORS allowlist and the per-client rate limit on writes.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { DEFAULT_TRUST } from '../../api/config'
import { testApp } from '../support/app'
import type { TestApp } from '../support/app'
import { REPO } from '../support/server'

let t: TestApp
afterEach(() => t?.close())

const incident = { type: 'road-occupation', point: { lng: 119.708034, lat: 27.559551 }, description: '测试：占道经营', source: 'patrol' }

describe('security headers', () => {
  test('every response carries a CSP without inline script, and no framing, sniffing or referrer', async () => {
    t = await testApp()
    for (const path of ['/api/health', '/api/no-such-route']) {
      const res = await t.app.request(path)
      const csp = res.headers.get('content-security-policy')!
      expect(csp).toMatch(/default-src 'self'/)
      expect(csp).toMatch(/script-src 'self';/)
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/)
      expect(csp).toMatch(/worker-src 'self' blob:/)
      expect(csp).toMatch(/frame-ancestors 'none'/)
      expect(csp).toMatch(/object-src 'none'/)
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(res.headers.get('x-frame-options')).toBe('DENY')
      expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    }
  })

  test('a configured basemap origin is allowed for tiles, and nothing else is', async () => {
    const { createApp } = await import('../../api/app')
    t = await testApp()
    const app = (await createApp({ regions: (await import('../../api/services/regions')).loadRegions(),store: t.store,basemapUrl: 'https://tiles.example.org/{z}/{x}/{y}.png' })).app
    const csp = (await app.request('/api/health')).headers.get('content-security-policy')!
    expect(csp).toMatch(/img-src 'self' data: blob: https:\/\/tiles\.example\.org/)
    expect(csp).toMatch(/connect-src 'self' https:\/\/tiles\.example\.org/)
  })

  test.runIf(existsSync(join(REPO, 'dist', 'web', 'index.html')))('the built index.html has no inline script or handler (what the CSP forbids)', () => {
    const html = readFileSync(join(REPO, 'dist', 'web', 'index.html'), 'utf8')
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
    expect(scripts.length).toBeGreaterThan(0)
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc="\/assets\//)
      expect(body!.trim()).toBe('')
    }
    expect(html).not.toMatch(/\son[a-z]+\s*=/i)
    expect(html).not.toMatch(/<style\b/i)
  })
})

describe('CORS', () => {
  test('same origin only by default: another origin gets no Access-Control-Allow-Origin', async () => {
    t = await testApp()
    const res = await t.app.request('/api/health', { headers: { Origin: 'https://evil.example' } })
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
    const pre = await t.app.request('/api/incidents', { method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' } })
    expect(pre.headers.get('access-control-allow-origin')).toBeNull()
  })

  test('an allowlisted origin is echoed, with the headers a client needs exposed', async () => {
    t = await testApp(undefined, { trust: { ...DEFAULT_TRUST, corsOrigins: ['https://app.taishun.example'] } })
    const pre = await t.app.request('/api/incidents', { method: 'OPTIONS', headers: { Origin: 'https://app.taishun.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,idempotency-key' } })
    expect(pre.status).toBe(204)
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://app.taishun.example')
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/Idempotency-Key/)
    const res = await t.app.request('/api/health', { headers: { Origin: 'https://app.taishun.example' } })
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.taishun.example')
    expect(res.headers.get('access-control-expose-headers')).toMatch(/RateLimit-Remaining/)
    const other = await t.app.request('/api/health', { headers: { Origin: 'https://app.taishun.example.evil.example' } })
    expect(other.headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('rate limit on writes', () => {
  const rule = { limit: 5, windowSeconds: 10 }

  test('each write reports its budget; the one over it gets 429 with Retry-After, stores nothing, and the budget refills', async () => {
    t = await testApp(undefined, { trust: { ...DEFAULT_TRUST, intakeRate: rule } })
    for (let i = 0; i < 5; i++) {
      const res = await t.post('/api/incidents', incident)
      expect(res.status).toBe(201)
      expect(res.headers.get('ratelimit-limit')).toBe('5')
      expect(res.headers.get('ratelimit-remaining')).toBe(String(4 - i))
      expect(res.headers.get('ratelimit-policy')).toBe('5;w=10')
    }
    const stored = await t.count('incidents')
    const over = await t.post('/api/incidents', incident)
    expect(over.status).toBe(429)
    expect(over.body.error).toEqual({ code: 'rate_limited', message: 'too many write requests from this client: 5 per 10 s are allowed; retry after 2 s' })
    expect(over.headers.get('retry-after')).toBe('2')
    expect(over.headers.get('ratelimit-remaining')).toBe('0')
    expect(over.headers.get('ratelimit-reset')).toBe('10')
    expect(await t.count('incidents')).toBe(stored)
    // Rejected writes spend budget too (a client retrying bad requests in a loop is still throttled).
    expect((await t.post('/api/incidents', '{')).status).toBe(429)
    t.clock.now += 2_000 // one token back
    expect((await t.post('/api/incidents', incident)).status).toBe(201)
    expect((await t.post('/api/incidents', incident)).status).toBe(429)
  })

  test('reads are never limited; every write route shares the budget', async () => {
    t = await testApp(undefined, { trust: { ...DEFAULT_TRUST, intakeRate: { limit: 2, windowSeconds: 60 } } })
    for (let i = 0; i < 20; i++) expect((await t.app.request('/api/metrics/summary', { headers: t.auth })).status).toBe(200)
    expect((await t.post('/api/incidents', incident)).status).toBe(201)
    expect((await t.post('/api/whistles', { township: '330329111', department: 'enforcement', reason: '测试' })).status).toBe(201)
    expect((await t.post('/api/disputes', {})).status).toBe(429)
  })

  test('sign-in has its own, tighter budget (the route itself arrives with the auth work)', async () => {
    t = await testApp(undefined, { trust: { ...DEFAULT_TRUST, loginRate: { limit: 2, windowSeconds: 60 } } })
    const login = () => t.post('/api/auth/login', { username: 'x', password: 'y' })
    expect((await login()).status).not.toBe(429)
    expect((await login()).status).not.toBe(429)
    const res = await login()
    expect(res.status).toBe(429)
    expect(res.body.error.message).toMatch(/too many sign-in requests/)
    expect((await t.post('/api/incidents', incident)).status).toBe(201) // intake's budget is untouched
  })

  test('the real sign-in route at the default budget: 10 attempts a minute from one address, the 11th is 429 with RateLimit-* headers and checks no password', async () => {
    t = await testApp()
    await t.accounts.createUserSync({ login: 'officer', name: '罗阳镇干部', role: 'township', township: '330329100', password: 'correct-horse-battery' })
    const login = (password: string, name = 'officer') => t.post('/api/auth/login', { login: name, password }, {}, null)
    for (let i = 0; i < 10; i++) {
      // Ten logins, not one: repeated failures for one login are slowed on their own (tested below).
      const res = await login(`guess-${i}`, i === 0 ? 'officer' : `someone-${i}`)
      expect(res.status, JSON.stringify(res.body)).toBe(401)
      expect(res.headers.get('RateLimit-Limit')).toBe('10')
      expect(res.headers.get('RateLimit-Remaining')).toBe(String(9 - i))
    }
    const over = await login('correct-horse-battery') // the right password no longer helps
    expect(over.status).toBe(429)
    expect(over.body.error).toMatchObject({ code: 'rate_limited' })
    expect(over.body.error.message).toMatch(/too many sign-in requests.*10 per 60 s/)
    expect(over.headers.get('RateLimit-Limit')).toBe('10')
    expect(over.headers.get('RateLimit-Remaining')).toBe('0')
    expect(over.headers.get('RateLimit-Policy')).toBe('10;w=60')
    expect(Number(over.headers.get('RateLimit-Reset'))).toBeGreaterThan(0)
    expect(Number(over.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1)
    expect(over.headers.get('Set-Cookie')).toBeNull()
    // A signed-in principal's writes have their own budget, untouched by the guessing.
    expect((await t.post('/api/incidents', incident)).status).toBe(201)
    t.clock.now += 6_000 // one try back (10 per 60 s)
    const retry = await login('correct-horse-battery')
    expect(retry.status).toBe(200)
    expect(retry.headers.get('Set-Cookie')).toMatch(/onemap_session=/)
  })

  test('off means off', async () => {
    t = await testApp(undefined, { trust: { ...DEFAULT_TRUST, intakeRate: null } })
    const res = await t.post('/api/incidents', incident)
    expect(res.status).toBe(201)
    expect(res.headers.get('ratelimit-limit')).toBeNull()
  })
})
