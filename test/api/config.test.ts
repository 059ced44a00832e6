import { expect, test } from 'vitest'
import { ConfigError, DEFAULT_TRUST, readConfig } from '../../api/config'

test('defaults: 127.0.0.1:8787, data/onemap.db, demo preset with the simulator on, demo accounts on', () => {
  expect(readConfig({})).toEqual({ port: 8787, host: '127.0.0.1', dbPath: 'data/onemap.db', databaseUrl: null, databaseReadUrl: null, databasePool: 10, preset: 'demo', simulate: true, basemapUrl: null, trust: DEFAULT_TRUST, incidentTilesAbove: 50_000, demoAccounts: true, totpKey: null,
    alertsEverySeconds: 60, briefingAt: { hour: 8, minute: 0 }, briefingKeepDays: 90, briefingConcurrency: 2, briefingQueue: 8, chromiumPath: '/usr/bin/chromium',
  })
})

test('BRIEFING_AT is a local time of day or off; the briefing counts are bounded whole numbers', () => {
  expect(readConfig({ BRIEFING_AT: '07:30' }).briefingAt).toEqual({ hour: 7, minute: 30 })
  expect(readConfig({ BRIEFING_AT: 'off' }).briefingAt).toBeNull()
  expect(readConfig({ BRIEFING_QUEUE: '0', BRIEFING_CONCURRENCY: '0' })).toMatchObject({ briefingQueue: 0, briefingConcurrency: 0 })
  expect(() => readConfig({ BRIEFING_AT: '24:00' })).toThrow(/BRIEFING_AT="24:00" is not a time of day: use HH:MM in UTC\+8/)
  expect(() => readConfig({ BRIEFING_AT: '8am' })).toThrow(/BRIEFING_AT="8am"/)
  expect(() => readConfig({ BRIEFING_KEEP_DAYS: '0' })).toThrow(/BRIEFING_KEEP_DAYS="0" must be a whole number of days from 1/)
  expect(() => readConfig({ BRIEFING_CONCURRENCY: '17' })).toThrow(/BRIEFING_CONCURRENCY="17"/)
})

test('ALERTS_EVERY_SECONDS is a whole number of seconds from 5 to 3600', () => {
  expect(readConfig({ ALERTS_EVERY_SECONDS: '10' }).alertsEverySeconds).toBe(10)
  expect(() => readConfig({ ALERTS_EVERY_SECONDS: '1' })).toThrow(/ALERTS_EVERY_SECONDS="1" must be a whole number of seconds from 5 to 3600 \(default 60\)/)
})

test('DEMO_ACCOUNTS=0 turns the demo accounts off; a value that is not a switch stops the server', () => {
  expect(readConfig({ DEMO_ACCOUNTS: '0' }).demoAccounts).toBe(false)
  expect(() => readConfig({ DEMO_ACCOUNTS: 'maybe' })).toThrow(/DEMO_ACCOUNTS="maybe".*1 or 0/)
})

test('the historical preset runs without the simulator unless asked', () => {
  expect(readConfig({ PRESET: 'taishun-2020' }).simulate).toBe(false)
  expect(readConfig({ PRESET: 'taishun-2020', SIMULATE: '1' }).simulate).toBe(true)
})

test.each([
  [{ PORT: 'eighty' }, /PORT="eighty" is not a TCP port/],
  [{ PORT: '70000' }, /PORT="70000"/],
  [{ PRESET: 'demo2' }, /PRESET="demo2" is unknown: use one of demo, taishun-2020/],
  [{ SIMULATE: 'maybe' }, /SIMULATE="maybe" is not a switch/],
  [{ HOST: 'a b' }, /HOST="a b"/],
  [{ BASEMAP_URL: 'https://tiles.example.org/tile.png' }, /must be an http\(s\) tile template/],
  [{ CORS_ORIGINS: 'https://a.example/path' }, /CORS_ORIGINS entry "https:\/\/a.example\/path" is not an origin/],
  [{ RATE_LIMIT_INTAKE: 'lots' }, /RATE_LIMIT_INTAKE="lots" is not a rate: use REQUESTS\/SECONDS/],
  [{ RATE_LIMIT_LOGIN: '0/60' }, /RATE_LIMIT_LOGIN="0\/60"/],
  [{ REQUEST_TIMEOUT_MS: '5' }, /REQUEST_TIMEOUT_MS="5"/],
  [{ RATE_LIMIT_LOGOUT: '30' }, /RATE_LIMIT_LOGOUT="30" is not a rate/],
  [{ SESSIONS_PER_TOKEN: '0' }, /SESSIONS_PER_TOKEN="0" is not a session count: use a whole number from 1 to 1000/],
  [{ SESSIONS_PER_TOKEN: 'many' }, /SESSIONS_PER_TOKEN="many"/],
  [{ TOTP_KEY: 'secret' }, /TOTP_KEY must be 64 hex digits.*openssl rand -hex 32/],
])('%j stops the server with a message naming the variable', (env, message) => {
  expect(() => readConfig(env)).toThrow(ConfigError)
  expect(() => readConfig(env)).toThrow(message)
})

test('trust settings: an origin allowlist, rates as REQUESTS/SECONDS or off, a time-out in ms', () => {
  expect(readConfig({ CORS_ORIGINS: 'https://a.example, http://b.example:8080', RATE_LIMIT_INTAKE: '50/10', RATE_LIMIT_LOGIN: 'off', RATE_LIMIT_LOGOUT: '5/60', SESSIONS_PER_TOKEN: '3', REQUEST_TIMEOUT_MS: '2000' }).trust)
    .toEqual({ corsOrigins: ['https://a.example', 'http://b.example:8080'], trustedProxies: [], intakeRate: { limit: 50, windowSeconds: 10 }, loginRate: null, logoutRate: { limit: 5, windowSeconds: 60 }, sessionsPerToken: 3, requestTimeoutMs: 2000 })
})

test('TRUSTED_PROXIES: the load balancers\' addresses; anything but an IP address refused with what it takes', () => {
  expect(readConfig({ TRUSTED_PROXIES: '127.0.0.1, ::1' }).trust.trustedProxies).toEqual(['127.0.0.1', '::1'])
  expect(() => readConfig({ TRUSTED_PROXIES: 'haproxy.lan' })).toThrow(/TRUSTED_PROXIES entry "haproxy.lan" is not an IP address/)
})

test('DATABASE_URL selects PostgreSQL; anything but a postgres:// URL is refused with what it takes', () => {
  expect(readConfig({ DATABASE_URL: 'postgres://onemap:secret@db.taishun.lan:5432/onemap' }).databaseUrl).toBe('postgres://onemap:secret@db.taishun.lan:5432/onemap')
  expect(readConfig({ DATABASE_URL: '' }).databaseUrl).toBeNull()
  expect(() => readConfig({ DATABASE_URL: 'mysql://db/onemap' })).toThrow(/DATABASE_URL must be a PostgreSQL URL such as postgres:\/\/.*leave it unset to use the embedded SQLite/)
})

test('DATABASE_READ_URL names a standby of a PostgreSQL primary; without DATABASE_URL, or not a postgres:// URL, refused with the fix', () => {
  const primary = 'postgres://onemap:secret@db.taishun.lan:5432/onemap'
  expect(readConfig({ DATABASE_URL: primary, DATABASE_READ_URL: 'postgres://onemap:secret@standby.taishun.lan:5432/onemap' }).databaseReadUrl)
    .toBe('postgres://onemap:secret@standby.taishun.lan:5432/onemap')
  expect(readConfig({ DATABASE_URL: primary }).databaseReadUrl).toBeNull()
  expect(() => readConfig({ DATABASE_READ_URL: 'postgres://standby/onemap' })).toThrow(/set DATABASE_URL to the primary too, or unset DATABASE_READ_URL/)
  expect(() => readConfig({ DATABASE_URL: primary, DATABASE_READ_URL: 'standby:5432' })).toThrow(/DATABASE_READ_URL must be the PostgreSQL URL of a hot standby/)
})

test('DATABASE_POOL sizes the PostgreSQL pool: 1 to 500 connections, anything else refused with the range', () => {
  expect(readConfig({ DATABASE_POOL: '32' }).databasePool).toBe(32)
  for (const raw of ['0', '501', '-3', 'ten', '1.5']) {
    expect(() => readConfig({ DATABASE_POOL: raw })).toThrow(/DATABASE_POOL=.* must be a whole number of connections from 1 to 500 .*max_connections/)
  }
})
