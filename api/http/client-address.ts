// The address a request comes from. Directly, it is the socket's peer. Behind a load balancer every request's
// peer is the balancer, so per-address budgets (sign-in, anonymous writes) and the audit log's addresses would
// all be one: when the peer is one of TRUSTED_PROXIES, the address it forwarded in X-Forwarded-For is taken
// instead — the rightmost one no trusted proxy added (a client can write anything into the header itself, and
// proxies append, so only the entries to the right of the first untrusted one were written by our own proxies).
// From any other peer the header is ignored: a client cannot choose its own address.
import type { Context, MiddlewareHandler } from 'hono'

const VAR = 'clientAddress'

/** "::ffff:127.0.0.1" (an IPv4 peer on a dual-stack socket) is 127.0.0.1. */
const plain = (address: string) => address.trim().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1')

function socketAddress(c: Context): string | null {
  // @hono/node-server puts the Node request on env.incoming; app.request() in tests has no socket.
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined
  const address = env?.incoming?.socket?.remoteAddress
  return address ? plain(address) : null
}

/** Works out each request's address once, for addressOf; `trusted`: the proxies' own addresses. */
export function clientAddress(trusted: readonly string[]): MiddlewareHandler {
  const proxies = new Set(trusted.map(plain))
  return async (c, next) => {
    let address = socketAddress(c)
    if (address !== null && proxies.has(address)) {
      const forwarded = (c.req.header('X-Forwarded-For') ?? '').split(',').map(plain).filter(Boolean)
      while (forwarded.length > 0 && proxies.has(forwarded.at(-1)!)) forwarded.pop()
      address = forwarded.at(-1) ?? address
    }
    c.set(VAR as never, address as never)
    return next()
  }
}

/** The request's address as clientAddress worked it out (the socket's peer if it did not run); null in-process. */
export function addressOf(c: Context): string | null {
  const known = (c.var as Record<string, unknown>)[VAR]
  return known === undefined ? socketAddress(c) : (known as string | null)
}
