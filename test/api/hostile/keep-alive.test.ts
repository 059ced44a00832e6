// An answer sent before the body was read (413 by Content-Length or mid-stream, 408, 415) must not break the next
// request on the same keep-alive connection: every request through one pooled socket gets its own HTTP answer,
// never a socket error. Real Node server stack (@hono/node-server, as api/server.ts serves it) and Node's own
// keep-alive agent with a single socket, so each request goes where the last one went when it can.
import { Agent, request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import type { ServerType } from '@hono/node-server'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { DEFAULT_TRUST } from '../../../api/config'
import { testApp } from '../../support/app'
import type { TestApp } from '../../support/app'
import { incidentBody } from './endpoints'

const KB = 1024
const TIMEOUT_MS = 600

let t: TestApp
let server: ServerType
let port: number
let agent: Agent
beforeAll(async () => {
  t = await testApp(undefined, { trust: { ...DEFAULT_TRUST, intakeRate: null, requestTimeoutMs: TIMEOUT_MS } })
  server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  port = (server.address() as AddressInfo).port
  agent = new Agent({ keepAlive: true, maxSockets: 1 })
})
afterAll(async () => {
  agent.destroy()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  await t.close()
})

interface Sent { status: number; connection: string | undefined; code?: string }

/**
 * One POST through the shared agent: a body of `bytes` spaces around a valid incident (so only its size can be
 * wrong), sent with Content-Length or chunked in 16 KB pieces, or `stall` (part of it, then nothing). Resolves
 * with the status, or with the socket error in place of one.
 */
function post(bytes: number, opts: { chunked?: boolean; type?: string; stall?: boolean } = {}): Promise<Sent> {
  const json = Buffer.from(JSON.stringify(incidentBody))
  const body = bytes <= json.length ? json : Buffer.concat([json, Buffer.alloc(bytes - json.length, 0x20)])
  return new Promise((resolve) => {
    const req = request({
      agent, port, host: '127.0.0.1', method: 'POST', path: '/api/incidents',
      headers: { 'Content-Type': opts.type ?? 'application/json', ...t.auth, ...(opts.chunked ? {} : { 'Content-Length': String(body.length) }) },
    }, (res) => {
      res.resume()
      res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection }))
    })
    req.on('error', (err) => resolve({ status: 0, connection: undefined, code: (err as NodeJS.ErrnoException).code ?? err.message }))
    if (opts.stall) return void req.write(body.subarray(0, 10))
    for (let at = 0; at < body.length; at += 16 * KB) req.write(body.subarray(at, at + 16 * KB))
    req.end()
  })
}

const statuses = (sent: Sent[]) => sent.map((s) => s.code ?? s.status)

/** The refusals of the megabyte bodies: the first of each [1 MB, 70 KB, empty] triple, and the 16 MB one. */
const bigRefusals = (got: Sent[]) => got.filter((s, i) => s.status === 413 && (i % 3 === 0 || i === 18))

test('after a 413 by Content-Length, the next requests on the connection get their own answers', async () => {
  const got: Sent[] = []
  for (let i = 0; i < 6; i++) {
    got.push(await post(1024 * KB), await post(70 * KB), await post(0))
  }
  got.push(await post(16 * 1024 * KB), await post(0))
  expect(statuses(got)).toEqual([...Array.from({ length: 6 }, () => [413, 413, 201]).flat(), 413, 201])
  // The early answers say the connection ends, so the client does not send its next request down it. A 70 KB body
  // may have arrived whole while the refusal was being audited (a database round trip): then the server has it
  // buffered, discards it, and keeps the connection, which is as good. A body of megabytes never has.
  for (const s of bigRefusals(got)) expect(s.connection).toBe('close')
})

test('after a 413 mid-stream (chunked, no Content-Length), the next requests get their own answers', async () => {
  const got: Sent[] = []
  for (let i = 0; i < 4; i++) {
    got.push(await post(1024 * KB, { chunked: true }), await post(70 * KB, { chunked: true }), await post(0, { chunked: true }))
  }
  expect(statuses(got)).toEqual(Array.from({ length: 4 }, () => [413, 413, 201]).flat())
  for (const s of bigRefusals(got)) expect(s.connection).toBe('close')
})

test('after a 408 or a 415 sent before the body was read, the next request gets its own answer', async () => {
  const got: Sent[] = []
  for (let i = 0; i < 3; i++) {
    got.push(await post(400, { stall: true }), await post(0))
    got.push(await post(400, { type: 'text/plain', stall: true }), await post(0))
  }
  expect(statuses(got)).toEqual(Array.from({ length: 3 }, () => [408, 201, 415, 201]).flat())
  for (const s of got.filter((s) => s.status !== 201)) expect(s.connection).toBe('close')
})
