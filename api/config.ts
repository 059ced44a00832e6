// All configuration comes from the environment and is read here, once. A value that is unknown or malformed
// stops the server with a message that says which variable is wrong and what it accepts, so a command centre
// never runs on a half-understood setting.

export const PRESETS = ['demo', 'taishun-2020'] as const
export type Preset = (typeof PRESETS)[number]

export interface Config {
  /** TCP port of the API + SPA server. */
  port: number
  /** Interface to bind; 127.0.0.1 by default so nothing is exposed until an operator says so. */
  host: string
  /** SQLite database file; created and seeded on first start when missing or empty. */
  dbPath: string
  /** Data set that seeds an empty database. */
  preset: Preset
  /** Live simulator: on by default for the demo preset, off for the historical one. */
  simulate: boolean
  /** Optional raster basemap (天地图 or an intranet tile server), `{z}/{x}/{y}` template; none by default. */
  basemapUrl: string | null
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

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  const preset = parsePreset(env.PRESET)
  return {
    port: parsePort(env.PORT),
    host: parseHost(env.HOST),
    dbPath: env.DB_PATH || 'data/onemap.db',
    preset,
    simulate: parseSimulate(env.SIMULATE, preset),
    basemapUrl: parseBasemap(env.BASEMAP_URL),
  }
}
