// The doors where a credential is tried: every /api/auth/* POST has a budget, sign-in's keyed on the address
// whatever credential the request carries, repeated failures for one login are slowed (never locked out), and a
// token holds a bounded number of sessions. Addresses come from the env an incoming Node request would give.
import { afterEach, expect, test } from 'vitest'
import { DEFAULT_TRUST } from '../../api/config'
import type { TrustConfig } from '../../api/config'
import { MAX_WAIT_MS } from '../../api/auth/sign-in-backoff'
import { testApp } from '../support/app'
import type { TestApp } from '../support/app'
import { sessionCookieOf } from '../support/session-cookie'

let t: TestApp
afterEach(() => t?.close())

const PASSWORD = 'correct-horse-battery'
const start = async (trust: Partial<TrustConfig> = {}) => {
  t = await testApp(undefined, { trust: { ...DEFAULT_TRUST, ...trust } })
  await t.accounts.createUserSync({ login: 'chief', name: '县领导', role: 'leader', password: PASSWORD })
  await t.accounts.createUserSync({ login: 'officer', name: '罗阳镇干部', role: 'township', township: '330329100', password: PASSWORD })
}

/** A POST as it would arrive from `address` (the socket the Node server hands Hono), with optional headers. */
async function post(path: string, body: unknown, address = '198.51.100.1', headers: Record<string, string> = {}) {
  const res = await t.app.request(path, {
    method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', ...headers },
  }, { incoming: { socket: { remoteAddress: address } } })
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers }
}
const signIn = (login: string, password: string, address?: string, headers?: Record<string, string>) =>
  post('/api/auth/login', { login, password }, address, headers)
const cookieOf = sessionCookieOf
const me = (cookie: string) => t.app.request('/api/auth/me', { headers: { Cookie: cookie } })

test('token-session: 20 token guesses from one address, the 11th and later are 429 with the sign-in budget headers', async () => {
  await start()
  const statuses: number[] = []
  for (let i = 0; i < 20; i++) {
    const res = await post('/api/auth/token-session', { token: `omt_guess-${i}` })
    statuses.push(res.status)
    expect(res.headers.get('RateLimit-Policy')).toBe('10;w=60')
    if (res.status === 429) {
      expect(res.body.error.message).toMatch(/too many sign-in requests.*10 per 60 s.*retry after \d+ s/)
      expect(Number(res.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1)
    }
  }
  expect(statuses).toEqual([...Array(10).fill(401), ...Array(10).fill(429)])
  // Another address has its own budget.
  expect((await post('/api/auth/token-session', { token: 'omt_guess' }, '198.51.100.2')).status).toBe(401)
})

test('a sign-out flood is 429 after its own budget (30 a minute per client), without touching sign-in\'s', async () => {
  await start()
  const statuses: number[] = []
  for (let i = 0; i < 35; i++) statuses.push((await post('/api/auth/logout', {}, undefined, t.auth)).status)
  expect(statuses).toEqual([...Array(30).fill(204), ...Array(5).fill(429)])
  const over = await post('/api/auth/logout', {}, undefined, t.auth)
  expect(over.body.error.message).toMatch(/too many sign-out requests/)
  expect(over.headers.get('RateLimit-Policy')).toBe('30;w=60')
  expect((await signIn('officer', PASSWORD)).status).toBe(200)
})

test('a valid bearer token or wall cookie does not enlarge the sign-in budget: one address, one budget', async () => {
  await start({ loginRate: { limit: 3, windowSeconds: 60 } })
  const wall = await t.token('wall')
  const exchanged = await post('/api/auth/token-session', { token: wall }) // 1 of 3
  expect(exchanged.status).toBe(200)
  const wallCookie = cookieOf(exchanged)!
  expect((await signIn('someone-1', 'guess')).status).toBe(401) // 2 of 3
  expect((await signIn('someone-2', 'guess')).status).toBe(401) // 3 of 3
  for (const headers of [t.auth, { Authorization: `Bearer ${wall}` }, { Cookie: wallCookie }]) {
    const res = await signIn('someone-3', 'guess', undefined, headers)
    expect(res.status, JSON.stringify(headers)).toBe(429)
    expect(res.body.error.message).toMatch(/too many sign-in requests/)
  }
})

test('repeated failures for one login are slowed whatever the address: 429 with Retry-After, waits double up to the cap, another login is not slowed, and after the wait the right password signs in', async () => {
  await start()
  let n = 0
  const fresh = () => `203.0.113.${++n}` // a new address each time: the slowdown is per login, not per address
  for (let i = 0; i < 5; i++) expect((await signIn('chief', `guess-${i}`, fresh())).status).toBe(401)

  const slowed = await signIn('chief', PASSWORD, fresh()) // the right password, but too early: not looked at
  expect(slowed.status).toBe(429)
  expect(slowed.headers.get('Retry-After')).toBe('1')
  expect(slowed.body.error).toEqual({ code: 'rate_limited', message: 'too many failed sign-ins for this login: wait 1 s, then sign in again' })
  expect(slowed.headers.get('Set-Cookie')).toBeNull()
  expect(slowed.headers.get('RateLimit-Policy')).toBe('10;w=60') // the address budget's headers, as on every sign-in
  // Another login from an address that just failed for chief is not slowed by chief's failures.
  expect((await signIn('officer', 'wrong', `203.0.113.${n}`)).status).toBe(401)

  const waits: number[] = []
  for (let i = 0; i < 9; i++) {
    const res = await signIn('chief', 'wrong', fresh())
    expect(res.status).toBe(429)
    const wait = Number(res.headers.get('Retry-After'))
    waits.push(wait)
    t.clock.now += wait * 1000
    expect((await signIn('chief', 'wrong', fresh())).status).toBe(401) // evaluated once the wait is over
  }
  expect(waits).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60])
  expect(MAX_WAIT_MS).toBe(60_000)

  expect((await signIn('chief', PASSWORD, fresh())).status).toBe(429)
  t.clock.now += MAX_WAIT_MS
  const ok = await signIn('chief', PASSWORD, fresh())
  expect(ok.status).toBe(200)
  expect(cookieOf(ok)).not.toBeNull()
  // Success clears the count: the next failure is an ordinary 401 again.
  expect((await signIn('chief', 'wrong', fresh())).status).toBe(401)
})

test('no lock-out: while strangers keep chief slowed, chief signs in at once from an address chief signed in from before', async () => {
  await start()
  expect((await signIn('chief', PASSWORD, '192.0.2.10')).status).toBe(200) // the leader's office
  for (let i = 0; i < 12; i++) await signIn('chief', `guess-${i}`, `203.0.113.${i}`)
  expect((await signIn('chief', PASSWORD, '203.0.113.99')).status).toBe(429)
  expect((await signIn('chief', PASSWORD, '192.0.2.10')).status).toBe(200)
})

test('the 9th session exchanged for one token ends the oldest: its cookie is 401, the newest 200', async () => {
  await start({ loginRate: null })
  const wall = await t.token('wall')
  const cookies: string[] = []
  for (let i = 0; i < 9; i++) {
    const res = await post('/api/auth/token-session', { token: wall })
    expect(res.status).toBe(200)
    cookies.push(cookieOf(res)!)
    t.clock.now += 1_000
  }
  expect((await t.store.sql.get('SELECT count(*) AS n FROM sessions WHERE token_id IS NOT NULL'))).toEqual({ n: 8 })
  expect((await me(cookies[0]!)).status).toBe(401)
  expect((await me(cookies[1]!)).status).toBe(200)
  expect((await me(cookies[8]!)).status).toBe(200)
  // A person's sessions are not capped by it.
  for (let i = 0; i < 9; i++) expect((await signIn('officer', PASSWORD, `192.0.2.${i}`)).status).toBe(200)
  expect((await t.store.sql.get('SELECT count(*) AS n FROM sessions WHERE user_id IS NOT NULL'))).toEqual({ n: 9 })
})

test('behind a trusted load balancer, two clients get separate sign-in budgets; the header from anyone else is ignored', async () => {
  await start({ trustedProxies: ['127.0.0.1'] })
  const LIMIT = DEFAULT_TRUST.loginRate!.limit
  // A new login each time: the per-login slowdown is not what is measured here.
  let n = 0
  const guess = (address: string, forwarded: string) => signIn(`nobody-${++n}`, 'wrong', address, { 'X-Forwarded-For': forwarded })
  const fromClient = (client: string) => guess('::ffff:127.0.0.1', client)
  for (let i = 0; i < LIMIT; i++) expect((await fromClient('203.0.113.7')).status).toBe(401)
  expect((await fromClient('203.0.113.7')).status).toBe(429)
  // Another client behind the same balancer has its own budget.
  expect((await fromClient('203.0.113.8')).status).toBe(401)
  // A client that writes the header itself, behind the balancer: the balancer appends the address it saw, and
  // that one counts, not the forged one on its left.
  expect((await guess('127.0.0.1', '203.0.113.8, 203.0.113.7')).status).toBe(429)
  // Not through the balancer: the header is ignored, the socket's address counts.
  for (let i = 0; i < LIMIT; i++) expect((await guess('198.51.100.9', `192.0.2.${i}`)).status).toBe(401)
  expect((await guess('198.51.100.9', '192.0.2.200')).status).toBe(429)
})
