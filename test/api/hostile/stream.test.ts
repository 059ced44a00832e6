// Transport-level hostile input over a real socket to the real Node server stack (@hono/node-server, as
// api/server.ts serves it): a 200 MB body with Content-Length, a 200 MB chunked body without one, and a body
// trickled slower than the time-out. The server must answer early (413 / 408) without reading the body into
// memory, at every write endpoint, and store nothing.
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import type { ServerType } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DEFAULT_TRUST } from '../../../api/config'
import { testApp } from '../../support/app'
import type { TestApp } from '../../support/app'
import { rawPost } from '../../support/raw-http'
import { WRITE_TABLES } from '../../support/rejected'
import { ENDPOINTS } from './endpoints'

const MB = 1024 * 1024
const TIMEOUT_MS = 600

let t: TestApp
let server: ServerType
let port: number
beforeAll(async () => {
  t = await testApp(undefined, { trust: { ...DEFAULT_TRUST, intakeRate: null, requestTimeoutMs: TIMEOUT_MS } })
  server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  port = (server.address() as AddressInfo).port
})
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()))
  await t.close()
})

const counts = async () => Object.fromEntries(await Promise.all(WRITE_TABLES.map(async (n) => [n, await t.count(n)] as const)))
const JSON_TYPE = { 'Content-Type': 'application/json' }

describe.each(ENDPOINTS.map((e) => [e.name, e] as const))('%s', (_name, endpoint) => {
  test('a 200 MB body with Content-Length is refused with 413 before it is sent', async () => {
    const path = await endpoint.target(t)
    const before = await counts()
    const res = await rawPost({ port, path, headers: { ...JSON_TYPE, ...t.auth }, bodyBytes: 200 * MB })
    expect(res.status, res.body).toBe(413)
    expect(JSON.parse(res.body).error).toMatchObject({ code: 'too_large', message: expect.stringMatching(/over 64 KB/) })
    // The answer came from the header alone: the client had sent only what the socket buffers took.
    expect(res.bytesSent).toBeLessThan(32 * MB)
    expect(await counts()).toEqual(before)
  })

  test('a 200 MB chunked body with no Content-Length is cut off at the limit with 413', async () => {
    const path = await endpoint.target(t)
    const before = await counts()
    const res = await rawPost({ port, path, headers: { ...JSON_TYPE, ...t.auth }, bodyBytes: 200 * MB, chunked: true })
    expect(res.status, res.body).toBe(413)
    expect(JSON.parse(res.body).error.code).toBe('too_large')
    expect(res.bytesSent).toBeLessThan(32 * MB)
    expect(await counts()).toEqual(before)
  })

  test('a body trickled slower than the time-out gets 408', async () => {
    const path = await endpoint.target(t)
    const before = await counts()
    const res = await rawPost({ port, path, headers: { ...JSON_TYPE, ...t.auth }, bodyBytes: 400, stallAfter: 10 })
    expect(res.status, res.body).toBe(408)
    expect(JSON.parse(res.body).error).toMatchObject({ code: 'request_timeout', message: expect.stringMatching(/did not arrive within 0.6 s/) })
    expect(res.ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50)
    expect(res.ms).toBeLessThan(TIMEOUT_MS + 3000)
    expect(await counts()).toEqual(before)
  })
})
