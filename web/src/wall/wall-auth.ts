// The wall signs in with its display token: /wall?token=… is exchanged once for a session cookie
// (POST /api/auth/token-session), then the token is taken out of the address bar — a wall is seen by visitors
// and cameras — and every fetch and the EventSource carry the cookie. Why not the token on each request:
// EventSource cannot send an Authorization header, and a token in every stream URL ends up in access logs.
// A reload without the token keeps working while the browser keeps the cookie.
import { ApiRequestError, getJson, postJson } from '../api/client'

export type WallAuth = 'ok' | 'unauthorized'

const RETRY_MS = 5000

export async function authorizeWall(): Promise<WallAuth> {
  const url = new URL(window.location.href)
  const token = url.searchParams.get('token')
  for (;;) {
    try {
      if (token) {
        await postJson('/api/auth/token-session', { token })
        url.searchParams.delete('token')
        window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`)
      } else {
        await getJson('/api/auth/me')
      }
      return 'ok'
    } catch (err) {
      if (err instanceof ApiRequestError && (err.status === 401 || err.status === 403)) return 'unauthorized'
      // The server is not up yet (a wall often boots before it): try again.
      await new Promise((r) => setTimeout(r, RETRY_MS))
    }
  }
}
