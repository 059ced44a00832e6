// An answer sent before the request's body has all arrived (413 from Content-Length or mid-stream, 408, a 415,
// 401/403 or 429 given without reading) ends the connection, and says so with `Connection: close`.
//
// Why close rather than drain what is left and keep the connection: the rest of such a body is either large (it
// was refused for its size, and a client may declare 200 MB), slow (it timed out) or unwanted, so draining it
// spends the server's bandwidth and a connection slot on a client that has already been refused, and any bound
// on the drain still ends in a close for the clients that exceed it. Answered with `keep-alive`, as before, the
// client reused the socket the server was about to drop, and its next request failed with a socket error
// instead of an answer. With `Connection: close` Node's server ends the socket once the answer is written and the
// client's pool opens a fresh connection for the next request.
import type { HttpBindings } from '@hono/node-server'
import type { MiddlewareHandler } from 'hono'

export function closeOnUnreadBody(): MiddlewareHandler {
  return async (c, next) => {
    await next()
    // Only the Node server has a socket; app.request() in tests gives no bindings.
    const incoming = (c.env as Partial<HttpBindings> | undefined)?.incoming
    // `complete`: the parser has the whole message, so whatever the app left unread is buffered here, not still
    // on the wire, and Node discards it before it reads the next request.
    if (incoming && !incoming.complete) c.res.headers.set('Connection', 'close')
  }
}
