// All configuration comes from the environment and is read here, once. A value that is unknown or malformed
// stops the server with a message that says which variable is wrong and what it accepts, so a command centre
// never runs on a half-understood setting.
import { isIP } from 'node:net'
import { INCIDENT_TILES_ABOVE } from '../domain/incident-tiles'
import { DEFAULT_POOL } from './store/postgres-engine'

export const PRESETS = ['demo', 'taishun-2020'] as const
export type Preset = (typeof PRESETS)[number]

export interface Config {
  /** TCP port of the API + SPA server. */
  port: number
  /** Interface to bind; 127.0.0.1 by default so nothing is exposed until an operator says so. */
  host: string
  /** SQLite database file; created and seeded on first start when missing or empty. Unused with a databaseUrl. */
  dbPath: string
  /** DATABASE_URL: a postgres:// URL selects PostgreSQL + PostGIS instead of the embedded SQLite; null = SQLite. */
  databaseUrl: string | null
  /** DATABASE_READ_URL: a PostgreSQL hot standby the read routes read from (store/standby.ts); null = the primary. */
  databaseReadUrl: string | null
  /** DATABASE_POOL: connections this process keeps to PostgreSQL (concurrent writes share disk flushes only when
   *  they run on connections of their own); every process's pool together must stay under max_connections. */
  databasePool: number
  /** Data set that seeds an empty database. */
  preset: Preset
  /** Live simulator: on by default for the demo preset, off for the historical one. */
  simulate: boolean
  /** Optional raster basemap (天地图 or an intranet tile server), `{z}/{x}/{y}` template; none by default. */
  basemapUrl: string | null
  /** INCIDENT_TILES_ABOVE: the map switches its incident layer to vector tiles above this many incidents in range. */
  incidentTilesAbove: number
  /** Guards on the API: CORS allowlist, rate limits, request time-out (see trust.ts for the defaults). */
  trust: TrustConfig
  /** Demo accounts (README) created in a database with no account; on by default, 0 for production. */
  demoAccounts: boolean
  /** TOTP_KEY: seals second-factor secrets at rest (api/auth/secret-box.ts); none = no one can enrol. */
  totpKey: Buffer | null
  /** ALERTS_EVERY_SECONDS: how often every alert rule is evaluated over the whole county (60). */
  alertsEverySeconds: number
  /** BRIEFING_AT: local time (UTC+8) of the daily briefings, 08:00 by default; null (off) = none. */
  briefingAt: { hour: number; minute: number } | null
  /** BRIEFING_KEEP_DAYS: stored briefings older than this are removed (90). */
  briefingKeepDays: number
  /** BRIEFING_CONCURRENCY / BRIEFING_QUEUE: renders at once (2) and waiting (8) before 503. */
  briefingConcurrency: number
  briefingQueue: number
  /** CHROMIUM_PATH: the browser briefings are printed with (/usr/bin/chromium). */
  chromiumPath: string
}

/** A token bucket: `limit` requests at once, refilled at `limit` per `windowSeconds`. */
export interface RateRule { limit: number; windowSeconds: number }

export interface TrustConfig {
  /** Origins (scheme://host[:port]) allowed to call the API from another site; none by default (same origin only). */
  corsOrigins: string[]
  /**
   * Addresses of the load balancers in front of this process: from them, the client's address is the one they
   * forwarded (X-Forwarded-For); from anyone else the header is ignored. None by default (no balancer).
   */
  trustedProxies: string[]
  /** Per client on every write that creates or changes a record; null = off. */
  intakeRate: RateRule | null
  /** Per address, shared by POST /api/auth/login, /api/auth/token-session and every other /api/auth/* POST but
   *  sign-out (the doors where a credential is tried); null = off. */
  loginRate: RateRule | null
  /** Per client on POST /api/auth/logout; null = off. */
  logoutRate: RateRule | null
  /** Sessions one API token may hold at once (one per wall window); exchanging once more ends its oldest. */
  sessionsPerToken: number
  /** A write whose body has not arrived and been handled within this gets 408. */
  requestTimeoutMs: number
}

// A grid worker's app sends a few reports an hour and a burst when it comes back online with a queue; 600 at once
// and 10/s sustained covers a phone that was offline for a week. Sign-in: 10 tries a minute stops guessing
// without locking out someone who mistypes. Sign-out: a person signs out a few times a day and a wall's windows a
// few times at once; 30 a minute is far above that and still stops a loop (each one is an audit row). Eight
// sessions per token: a control room runs a wall on a handful of screens, each window holding one.
export const DEFAULT_TRUST: TrustConfig = {
  corsOrigins: [],
  trustedProxies: [],
  intakeRate: { limit: 600, windowSeconds: 60 },
  loginRate: { limit: 10, windowSeconds: 60 },
  logoutRate: { limit: 30, windowSeconds: 60 },
  sessionsPerToken: 8,
  requestTimeoutMs: 30_000,
}

function parseTilesAbove(raw: string | undefined): number {
  if (raw === undefined || raw === '') return INCIDENT_TILES_ABOVE
  if (!/^\d{1,9}$/.test(raw)) throw new ConfigError(`INCIDENT_TILES_ABOVE="${raw}" must be a whole number of incidents (default ${INCIDENT_TILES_ABOVE}; 0 = always tiles)`)
  return Number(raw)
}

export class ConfigError extends Error {}


function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 8787
  if (!/^\d{1,5}$/.test(raw) || Number(raw) < 1 || Number(raw) > 65535) {
    throw new ConfigError(`PORT="${raw}" is not a TCP port: use a whole number from 1 to 65535 (default 8787)`)
  }
  return Number(raw)
}

function parseHost(raw: string | undefined): string {
  if (raw === undefined || raw === '') return '127.0.0.1'
  if (!/^[A-Za-z0-9.:[\]-]+$/.test(raw)) {
    throw new ConfigError(`HOST="${raw}" is not a host name or IP address (default 127.0.0.1; 0.0.0.0 for every interface)`)
  }
  return raw
}

function parsePreset(raw: string | undefined): Preset {
  if (raw === undefined || raw === '') return 'demo'
  const found = PRESETS.find((p) => p === raw)
  if (!found) throw new ConfigError(`PRESET="${raw}" is unknown: use one of ${PRESETS.join(', ')}`)
  return found
}

function parseSimulate(raw: string | undefined, preset: Preset): boolean {
  if (raw === undefined || raw === '') return preset === 'demo'
  if (['1', 'true', 'on', 'yes'].includes(raw)) return true
  if (['0', 'false', 'off', 'no'].includes(raw)) return false
  throw new ConfigError(`SIMULATE="${raw}" is not a switch: use 1 or 0 (default 1 for the demo preset, 0 otherwise)`)
}

function parseBasemap(raw: string | undefined): string | null {
  if (raw === undefined || raw === '') return null
  if (!/^https?:\/\/.+\{z\}.*\{x\}.*\{y\}/.test(raw)) {
    throw new ConfigError(`BASEMAP_URL="${raw}" must be an http(s) tile template containing {z}, {x} and {y}`)
  }
  return raw
}

function parseOrigins(raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === '') return DEFAULT_TRUST.corsOrigins
  return raw.split(',').map((o) => o.trim()).filter(Boolean).map((o) => {
    if (!/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(o)) {
      throw new ConfigError(`CORS_ORIGINS entry "${o}" is not an origin: use scheme://host[:port] with no path, comma-separated (default: none, same origin only)`)
    }
    return o
  })
}

function parseProxies(raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === '') return DEFAULT_TRUST.trustedProxies
  return raw.split(',').map((a) => a.trim()).filter(Boolean).map((a) => {
    if (isIP(a) === 0) throw new ConfigError(`TRUSTED_PROXIES entry "${a}" is not an IP address: list the load balancers' own addresses, comma-separated, e.g. 127.0.0.1 (default: none)`)
    return a
  })
}

function parseRate(name: string, raw: string | undefined, fallback: RateRule | null): RateRule | null {
  if (raw === undefined || raw === '') return fallback
  if (raw === 'off') return null
  const m = /^(\d{1,7})\/(\d{1,6})s?$/.exec(raw)
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) {
    throw new ConfigError(`${name}="${raw}" is not a rate: use REQUESTS/SECONDS such as 600/60, or off (default ${fallback ? `${fallback.limit}/${fallback.windowSeconds}` : 'off'})`)
  }
  return { limit: Number(m[1]), windowSeconds: Number(m[2]) }
}

function parseTimeout(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_TRUST.requestTimeoutMs
  if (!/^\d{1,7}$/.test(raw) || Number(raw) < 100) {
    throw new ConfigError(`REQUEST_TIMEOUT_MS="${raw}" is not a time-out: use whole milliseconds, at least 100 (default ${DEFAULT_TRUST.requestTimeoutMs})`)
  }
  return Number(raw)
}

function parseSessionsPerToken(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_TRUST.sessionsPerToken
  if (!/^\d{1,4}$/.test(raw) || Number(raw) < 1 || Number(raw) > 1000) {
    throw new ConfigError(`SESSIONS_PER_TOKEN="${raw}" is not a session count: use a whole number from 1 to 1000 (default ${DEFAULT_TRUST.sessionsPerToken})`)
  }
  return Number(raw)
}

export function readTrust(env: Record<string, string | undefined> = process.env): TrustConfig {
  return {
    corsOrigins: parseOrigins(env.CORS_ORIGINS),
    trustedProxies: parseProxies(env.TRUSTED_PROXIES),
    intakeRate: parseRate('RATE_LIMIT_INTAKE', env.RATE_LIMIT_INTAKE, DEFAULT_TRUST.intakeRate),
    loginRate: parseRate('RATE_LIMIT_LOGIN', env.RATE_LIMIT_LOGIN, DEFAULT_TRUST.loginRate),
    logoutRate: parseRate('RATE_LIMIT_LOGOUT', env.RATE_LIMIT_LOGOUT, DEFAULT_TRUST.logoutRate),
    sessionsPerToken: parseSessionsPerToken(env.SESSIONS_PER_TOKEN),
    requestTimeoutMs: parseTimeout(env.REQUEST_TIMEOUT_MS),
  }
}

function parseDemoAccounts(raw: string | undefined): boolean {
  if (raw === undefined || raw === '') return true
  if (['1', 'true', 'on', 'yes'].includes(raw)) return true
  if (['0', 'false', 'off', 'no'].includes(raw)) return false
  throw new ConfigError(`DEMO_ACCOUNTS="${raw}" is not a switch: use 1 or 0 (default 1; 0 in production, then add users with npm run user)`)
}

export function parseDatabaseUrl(raw: string | undefined): string | null {
  if (raw === undefined || raw === '') return null
  if (!/^postgres(ql)?:\/\/[^\s]+$/i.test(raw)) {
    throw new ConfigError('DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/onemap; leave it unset to use the embedded SQLite file at DB_PATH')
  }
  return raw
}

function parseDatabaseReadUrl(raw: string | undefined, primary: string | null): string | null {
  if (raw === undefined || raw === '') return null
  if (!/^postgres(ql)?:\/\/[^\s]+$/i.test(raw)) {
    throw new ConfigError('DATABASE_READ_URL must be the PostgreSQL URL of a hot standby of DATABASE_URL, such as postgres://user:password@standby:5432/onemap; leave it unset to read from the primary')
  }
  if (primary === null) throw new ConfigError('DATABASE_READ_URL names a standby of a PostgreSQL primary: set DATABASE_URL to the primary too, or unset DATABASE_READ_URL (the embedded SQLite has no standby)')
  return raw
}

function parseDatabasePool(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_POOL
  if (!/^\d{1,3}$/.test(raw) || Number(raw) < 1 || Number(raw) > 500) {
    throw new ConfigError(`DATABASE_POOL="${raw}" must be a whole number of connections from 1 to 500 (default ${DEFAULT_POOL}); all API processes together must stay under PostgreSQL's max_connections (100 by default)`)
  }
  return Number(raw)
}

/** Where the data lives: DATABASE_URL when set, else the SQLite file at DB_PATH (what openStore takes). */
export const databaseLocation = (config: Pick<Config, 'dbPath' | 'databaseUrl'>) => config.databaseUrl ?? config.dbPath

/** 32 bytes as 64 hex digits. Read by the server and by `npm run user`, which must agree on it. */
export function parseTotpKey(raw: string | undefined): Buffer | null {
  if (raw === undefined || raw === '') return null
  if (!/^[0-9a-f]{64}$/i.test(raw)) throw new ConfigError('TOTP_KEY must be 64 hex digits (32 bytes): make one with `openssl rand -hex 32` and give the same value to the server and to npm run user')
  return Buffer.from(raw, 'hex')
}

function parseBriefingAt(raw: string | undefined): { hour: number; minute: number } | null {
  if (raw === undefined || raw === '') return { hour: 8, minute: 0 }
  if (raw === 'off') return null
  const m = /^(\d{1,2}):(\d{2})$/.exec(raw)
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) throw new ConfigError(`BRIEFING_AT="${raw}" is not a time of day: use HH:MM in UTC+8 such as 08:00, or off (default 08:00)`)
  return { hour: Number(m[1]), minute: Number(m[2]) }
}

function parseCount(name: string, raw: string | undefined, fallback: number, min: number, max: number, what: string): number {
  if (raw === undefined || raw === '') return fallback
  if (!/^\d{1,6}$/.test(raw) || Number(raw) < min || Number(raw) > max) throw new ConfigError(`${name}="${raw}" must be a whole number of ${what} from ${min} to ${max} (default ${fallback})`)
  return Number(raw)
}

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  const preset = parsePreset(env.PRESET)
  return {
    port: parsePort(env.PORT),
    host: parseHost(env.HOST),
    dbPath: env.DB_PATH || 'data/onemap.db',
    databaseUrl: parseDatabaseUrl(env.DATABASE_URL),
    databaseReadUrl: parseDatabaseReadUrl(env.DATABASE_READ_URL, parseDatabaseUrl(env.DATABASE_URL)),
    databasePool: parseDatabasePool(env.DATABASE_POOL),
    preset,
    simulate: parseSimulate(env.SIMULATE, preset),
    basemapUrl: parseBasemap(env.BASEMAP_URL),
    trust: readTrust(env),
    incidentTilesAbove: parseTilesAbove(env.INCIDENT_TILES_ABOVE),
    demoAccounts: parseDemoAccounts(env.DEMO_ACCOUNTS),
    totpKey: parseTotpKey(env.TOTP_KEY),
    alertsEverySeconds: parseCount('ALERTS_EVERY_SECONDS', env.ALERTS_EVERY_SECONDS, 60, 5, 3600, 'seconds'),
    briefingAt: parseBriefingAt(env.BRIEFING_AT),
    briefingKeepDays: parseCount('BRIEFING_KEEP_DAYS', env.BRIEFING_KEEP_DAYS, 90, 1, 36_500, 'days'),
    briefingConcurrency: parseCount('BRIEFING_CONCURRENCY', env.BRIEFING_CONCURRENCY, 2, 0, 16, 'renders'),
    briefingQueue: parseCount('BRIEFING_QUEUE', env.BRIEFING_QUEUE, 8, 0, 1000, 'renders'),
    chromiumPath: env.CHROMIUM_PATH || '/usr/bin/chromium',
  }
}
