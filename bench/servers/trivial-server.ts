// Child process for bar 2: the same small JSON body from a one-route Hono app on @hono/node-server
// (BENCH_MODE=hono, the stack the API runs on) or from bare node:http (BENCH_MODE=node). One mode per process so
// the two never share a heap or an event loop. Prints `listening <port>`; SIGTERM stops it.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'

const TRIVIAL_BODY = '{"status":"ok","service":"onemap"}'
const TYPE = 'application/json'

const mode = process.env.BENCH_MODE
let close: () => void
if (mode === 'hono') {
  const app = new Hono().get('/', (c) => c.body(TRIVIAL_BODY, 200, { 'Content-Type': TYPE }))
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.log(`listening ${info.port}`))
  close = () => server.close()
} else if (mode === 'node') {
  const length = String(Buffer.byteLength(TRIVIAL_BODY))
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': TYPE, 'Content-Length': length })
    res.end(TRIVIAL_BODY)
  })
  server.listen(0, '127.0.0.1', () => console.log(`listening ${(server.address() as AddressInfo).port}`))
  close = () => server.close()
} else {
  throw new Error(`BENCH_MODE="${mode}": use hono or node`)
}
const stop = () => {
  close()
  process.exit(0)
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
