// Writes one audit row for every write request under /api — accepted or refused, with its final status — after
// the response is decided. Who (login or token name, kind, role), when, what (method, path, the record it
// touched, the action), from where (the socket's address; X-Forwarded-For is not trusted: any client can set it).
import type { Context, MiddlewareHandler } from 'hono'
import type { Store } from '../store'
import type { AuthEnv } from './principal'
import { principalOf } from './principal'

const READS = new Set(['GET', 'HEAD', 'OPTIONS'])

function remoteAddress(c: Context): string | null {
  // @hono/node-server puts the Node request on env.incoming; app.request() in tests has no socket.
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined
  return env?.incoming?.socket?.remoteAddress ?? null
}

/** The record a write touched: the one it created (Location), else the path up to its last numeric id. */
function targetOf(c: Context): string | null {
  const location = c.res.headers.get('Location')
  if (location) return location
  const m = /^(.*\/\d+)(\/|$)/.exec(c.req.path)
  return m ? m[1]! : null
}

export function auditWrites(store: Store, now: () => number): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    if (READS.has(c.req.method)) return next()
    try {
      await next()
    } finally {
      const p = principalOf(c)
      const attempted = c.get('auditActor' as never) as string | undefined
      store.audit.append({
        at: now(),
        actor: p?.actor ?? attempted ?? null,
        actorKind: p?.kind ?? null,
        role: p?.role ?? null,
        method: c.req.method,
        path: c.req.path,
        target: targetOf(c),
        detail: (c.get('auditDetail' as never) as string | undefined) ?? null,
        // An error that escaped to the server's own handler has no response here yet: it ends as a 500.
        status: c.res?.status ?? 500,
        remote: remoteAddress(c),
      })
    }
  }
}
