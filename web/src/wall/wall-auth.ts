// The wall signs in with its display token: /wall?token=… is exchanged for a session cookie
// (POST /api/auth/token-session), then the token is taken out of the address bar — a wall is seen by visitors
// and cameras — and every fetch and the EventSource carry the cookie. Why not the token on each request:
// EventSource cannot send an Authorization header, and a token in every stream URL ends up in access logs.
//
// A wall runs for months and nobody is there to sign it in again, so the token is also kept in the tab's
// sessionStorage (gone when the browser closes; readable only by this origin's scripts, and the CSP allows only
// ours): when the session ends — its year is up, an administrator ended it, the database was restored — the wall
// exchanges the token again by itself. A revoked token ends that: the wall shows it is not authorised.
import { reachOf } from '../../../domain/roles'
import type { Reach, ScopeFields } from '../../../domain/roles'
import { ApiRequestError, getJson, onUnauthorized, postJson } from '../api/client'

/** Signed in, with where the display may look (the county, or its township's wall: a township). */
export type WallSignIn = { auth: 'ok'; reach: Reach } | { auth: 'unauthorized' }

const RETRY_MS = 5000
/** How often a running wall checks that its session is still there (a 401 elsewhere triggers it sooner). */
const CHECK_MS = 60_000
const TOKEN_KEY = 'onemap.wall-token'

const storedToken = (): string | null => { try { return sessionStorage.getItem(TOKEN_KEY) } catch { return null } }
const storeToken = (token: string | null) => {
  try { if (token) sessionStorage.setItem(TOKEN_KEY, token); else sessionStorage.removeItem(TOKEN_KEY) } catch { /* storage off: the cookie alone */ }
}
const refused = (err: unknown) => err instanceof ApiRequestError && (err.status === 401 || err.status === 403)

const signedIn = (user: ScopeFields | null | undefined): WallSignIn => ({ auth: 'ok', reach: user ? reachOf(user) : { level: 'county' } })

const exchange = async (token: string) => (await postJson('/api/auth/token-session', { token }))?.user

/** Signed in after this, or 'unauthorized' when there is no session and no token that works. */
async function signInOnce(): Promise<WallSignIn> {
  const { user } = await getJson('/api/auth/session')
  if (user) return signedIn(user)
  const token = storedToken()
  if (!token) return { auth: 'unauthorized' }
  try {
    return signedIn(await exchange(token))
  } catch (err) {
    if (refused(err)) { storeToken(null); return { auth: 'unauthorized' } }
    throw err
  }
}

export async function authorizeWall(): Promise<WallSignIn> {
  const url = new URL(window.location.href)
  const token = url.searchParams.get('token')
  for (;;) {
    try {
      if (token) {
        // A token in the address bar wins over an older session: it is what the wall was just given.
        const user = await exchange(token)
        storeToken(token)
        url.searchParams.delete('token')
        window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`)
        return signedIn(user)
      }
      return await signInOnce()
    } catch (err) {
      if (refused(err)) return { auth: 'unauthorized' }
      // The server is not up yet (a wall often boots before it): try again.
      await new Promise((r) => setTimeout(r, RETRY_MS))
    }
  }
}

/**
 * Keeps a running wall signed in: on any 401 and every CHECK_MS, signs in again with the kept token if the
 * session is gone; `onRestored` then reopens what failed meanwhile. A token that no longer works reloads the
 * page, which then shows the wall is not authorised. Returns a stop function.
 */
export function keepWallSignedIn(onRestored: () => void): () => void {
  let running = false
  async function check() {
    if (running) return
    running = true
    try {
      const { user } = await getJson('/api/auth/session')
      if (user) return
      const again = await signInOnce()
      if (again.auth === 'ok') onRestored()
      else window.location.reload()
    } catch { /* the server is away: the stale banner says so, and the next check tries again */ } finally {
      running = false
    }
  }
  const stopListening = onUnauthorized(() => { void check() })
  const timer = setInterval(() => { void check() }, CHECK_MS)
  return () => { stopListening(); clearInterval(timer) }
}
