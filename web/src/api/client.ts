// The one place the web talks to the API. Relative URLs only: the SPA is served by the API server (or by vite
// with /api proxied), so nothing is ever fetched from another host.
import type { FeatureCollection, Geometry } from 'geojson'
import type { Reference } from '../../../domain/reference'
// Generated from the OpenAPI document by scripts/api-types.ts (npm run typecheck writes it first): what each route
// takes and answers, as the server documents it. A field renamed on the server fails the web's type check.
import type { paths } from './schema'

export class ApiRequestError extends Error {
  /** `body`: the whole refusal as answered; a 409 conflict carries the record as it is now (`current`) beside the error. */
  constructor(readonly status: number, readonly code: string, message: string, readonly body: unknown = null) {
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
    throw new ApiRequestError(res.status, body?.error?.code ?? `http_${res.status}`, body?.error?.message ?? res.statusText, body)
  }
  return res
}

type QueryValue = string | number | boolean | readonly string[] | null | undefined
type GetPath = { [P in keyof paths]: paths[P] extends { get: object } ? P : never }[keyof paths]
type Parameters<P extends GetPath> = paths[P]['get'] extends { parameters: infer X } ? X : never
/** The query parameters a route documents, each optional here (the server answers 400 for a missing required one). */
type QueryOf<P extends GetPath> = Parameters<P> extends { query?: infer Q } ? [NonNullable<Q>] extends [never] ? unknown : { [K in keyof NonNullable<Q>]?: QueryValue } : unknown
type PathOf<P extends GetPath> = Parameters<P> extends { path: infer X } ? [X] extends [never] ? unknown : { params: X } : unknown
export type GetOptions<P extends GetPath> = { query?: QueryOf<P>; signal?: AbortSignal } & PathOf<P>

/**
 * The body of the 200 answer to `method path`, as the OpenAPI document describes it (unknown where it has no schema).
 * The JSON one where a route answers files too (a list's CSV and XLSX export): the client asks for JSON.
 */
export type Answer<P extends keyof paths, M extends 'get' | 'post' = 'get'> =
  paths[P][M] extends { responses: { 200: { content: infer C } } } ? C extends { 'application/json': infer J } ? J : C[keyof C] : never

/**
 * Fields of an answer typed more narrowly than the document says (a count's value is never null; a field the
 * server always sends). Each key of R must be a field of T with a type that fits the documented one, so a field
 * renamed or retyped on the server still fails the type check here.
 */
export type Refine<T, R extends { [K in keyof R]: K extends keyof T ? Exclude<T[K], undefined> : never }> = Omit<T, keyof R> & R

type DeepReadonly<T> = T extends readonly (infer E)[] ? readonly DeepReadonly<E>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T
/** `T`, checked to fit `Documented` (read-only): a type the web reads an answer as, which the document must allow. */
export type Fits<T extends DeepReadonly<Documented>, Documented> = T

/** GET `path` (its `{name}` parts filled from `params`) with `query`: the answer the document describes. */
export async function getJson<P extends GetPath>(path: P, options: GetOptions<P> = {} as GetOptions<P>): Promise<Answer<P>> {
  const { query: q, signal, params } = options as { query?: Record<string, QueryValue>; signal?: AbortSignal; params?: Record<string, string | number> }
  const url = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params?.[name])))
  const res = await check(await fetch(`${url}${query(q ?? {})}`, { signal, headers: { Accept: 'application/json' } }))
  return (await res.json()) as Answer<P>
}

/**
 * For a connection that cannot see why it failed — an EventSource the server refused on reconnecting (a 401 once
 * the session was ended or the token revoked) reports only "error": asks whether anyone is still signed in, and
 * when no one is, tells the 401 listeners as any request would. Throws when the server is away.
 */
export async function stillSignedIn(): Promise<boolean> {
  const { user } = await getJson('/api/auth/session')
  if (!user) signedOut()
  return Boolean(user)
}

type PostPath = { [P in keyof paths]: paths[P] extends { post: object } ? P : never }[keyof paths]
/** The JSON body a route documents (what its zod schema accepts), or nothing for a route that takes none. */
type BodyOf<P extends PostPath> = paths[P]['post'] extends { requestBody?: { content: { 'application/json': infer B } } } ? B : Record<string, never>

/**
 * A write: always application/json (the server requires it of signed-in writes, see api/auth/policy.ts). Null: no
 * body (204). `params` fills the path's `{name}` parts, as for getJson.
 */
export async function postJson<P extends PostPath>(path: P, body: BodyOf<P> = {} as BodyOf<P>, params?: Record<string, string | number>): Promise<Answer<P, 'post'> | null> {
  const url = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params?.[name])))
  const res = await check(await fetch(url, {
    method: 'POST', headers: { Accept: 'application/json', 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  }))
  const text = await res.text()
  return text ? (JSON.parse(text) as Answer<P, 'post'>) : null
}

/** `?a=1&b=x,y` from an object, leaving out undefined, null and empty lists. */
function query(params: Record<string, QueryValue>): string {
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
/** What the map and the stores need of any level's regions; each level's answer (documented) has more. */
export type RegionCollection = FeatureCollection<Geometry, RegionProps>

export type ClientConfig = Answer<'/api/config'>
let config: Promise<ClientConfig> | null = null

export const api = {
  county: () => getJson('/api/regions/county'),
  townships: () => getJson('/api/regions/townships'),
  villages: (township?: string) => getJson('/api/regions/villages', { query: { township } }),
  grids: (township?: string) => getJson('/api/regions/grids', { query: { township } }),
  // Read as domain/reference.ts's type, which the server builds the answer from: the same lists with ids as literal
  // unions, which the document's strings cannot say. Checked to be an answer the document allows, so a field
  // renamed or dropped on the server still fails the type check.
  reference: () => getJson('/api/reference') as Promise<unknown> as Promise<Fits<Reference, Answer<'/api/reference'>>>,
  /** Read once per page (it changes only with a restart of the server); a failed read is tried again next time. */
  config: () => (config ??= getJson('/api/config').catch((err: unknown) => { config = null; throw err })),
}
