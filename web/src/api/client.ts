// The one place the web talks to the API. Relative URLs only: the SPA is served by the API server (or by vite
// with /api proxied), so nothing is ever fetched from another host.
import type { FeatureCollection, Geometry } from 'geojson'

export class ApiRequestError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message)
  }
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(path, { signal, headers: { Accept: 'application/json' } })
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null
    throw new ApiRequestError(res.status, body?.error?.code ?? `http_${res.status}`, body?.error?.message ?? res.statusText)
  }
  return (await res.json()) as T
}

export interface RegionProps {
  id: string
  name: string
  [key: string]: unknown
}
export type RegionCollection = FeatureCollection<Geometry, RegionProps>

export const api = {
  county: () => getJson<RegionCollection>('/api/regions/county'),
  townships: () => getJson<RegionCollection>('/api/regions/townships'),
}
