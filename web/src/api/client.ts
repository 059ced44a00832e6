// The one place the web talks to the API. Relative URLs only: the SPA is served by the API server (or by vite
// with /api proxied), so nothing is ever fetched from another host.
import type { FeatureCollection, Geometry } from 'geojson'
import type { Reference } from '../../../domain/reference'

export class ApiRequestError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message)
  }
}

/** Called when the API answers 401: the session ended (or never began); the app shows the sign-in screen. */
const unauthorizedListeners = new Set<() => void>()
export function onUnauthorized(fn: () => void): () => void {
  unauthorizedListeners.add(fn)
  return () => unauthorizedListeners.delete(fn)
}

const signedOut = () => { for (const fn of unauthorizedListeners) fn() }

async function check(res: Response): Promise<Response> {
  if (res.status === 401) signedOut()
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null
    throw new ApiRequestError(res.status, body?.error?.code ?? `http_${res.status}`, body?.error?.message ?? res.statusText)
  }
  return res
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const res = await check(await fetch(path, { signal, headers: { Accept: 'application/json' } }))
  return (await res.json()) as T
}

/**
 * For a connection that cannot see why it failed — an EventSource the server refused on reconnecting (a 401 once
 * the session was ended or the token revoked) reports only "error": asks whether anyone is still signed in, and
 * when no one is, tells the 401 listeners as any request would. Throws when the server is away.
 */
export async function stillSignedIn(): Promise<boolean> {
  const { user } = await getJson<{ user: unknown }>('/api/auth/session')
  if (!user) signedOut()
  return Boolean(user)
}

/** A write: always application/json (the server requires it of signed-in writes, see api/auth/policy.ts). */
export async function postJson<T>(path: string, body: unknown = {}): Promise<T | null> {
  const res = await check(await fetch(path, {
    method: 'POST', headers: { Accept: 'application/json', 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  }))
  const text = await res.text()
  return text ? (JSON.parse(text) as T) : null
}

/** `?a=1&b=x,y` from an object, leaving out undefined, null and empty lists. */
export function query(params: Record<string, string | number | boolean | readonly string[] | null | undefined>): string {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null) continue
    if (Array.isArray(v)) { if (v.length) q.set(k, v.join(',')) } else q.set(k, String(v))
  }
  const s = q.toString()
  return s ? `?${s}` : ''
}

export interface RegionProps {
  id: string
  name: string
  [key: string]: unknown
}
export type RegionCollection = FeatureCollection<Geometry, RegionProps>

export interface ClientConfig { basemapUrl: string | null; incidentTilesAbove?: number }
let config: Promise<ClientConfig> | null = null

export const api = {
  county: () => getJson<RegionCollection>('/api/regions/county'),
  townships: () => getJson<RegionCollection>('/api/regions/townships'),
  villages: (township?: string) => getJson<RegionCollection>(`/api/regions/villages${query({ township })}`),
  grids: (township?: string) => getJson<RegionCollection>(`/api/regions/grids${query({ township })}`),
  reference: () => getJson<Reference>('/api/reference'),
  /** Read once per page (it changes only with a restart of the server); a failed read is tried again next time. */
  config: () => (config ??= getJson<ClientConfig>('/api/config').catch((err: unknown) => { config = null; throw err })),
}
