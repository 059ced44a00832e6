// Per-client rate limit as a token bucket: a client may send `limit` requests at once and then `limit` per
// `windowSeconds`, spread evenly (a bucket, not a fixed window, so there is no burst of 2×limit at a window's
// edge). By default the client is the signed-in principal when an auth middleware has set one
// (`c.get('principal')`), so people behind one township NAT do not share a budget; otherwise the remote address.
// Sign-in keys on the address always (`key: addressKey`): a credential must not buy more password guesses.
// Every response carries the IETF draft headers (RateLimit-Limit / -Remaining / -Reset, and RateLimit-Policy);
// a refused request gets 429 with Retry-After. Buckets live in the memory of each API process; behind a load
// balancer that hashes the client's address to a replica (docs/scale.md) one address meets one process's budget.
import type { Context, MiddlewareHandler } from 'hono'
import type { RateRule } from '../config'
import { addressOf } from './client-address'

export interface RateLimitOptions {
  rule: RateRule
  /** Names the budget in the 429 message, e.g. "intake". */
  name: string
  /** Milliseconds; the app's clock, so tests can move it. */
  now?: () => number
  /** Buckets kept before full (idle) ones are swept; bounds memory under a spray of addresses. */
  maxClients?: number
  /** Who shares a bucket; clientKey by default. */
  key?: (c: Context) => string
}

interface Bucket { tokens: number; at: number }

/** The client's address (client-address.ts: the socket's peer, or whom a trusted proxy forwarded); "local" in-process. */
export function addressKey(c: Context): string {
  return `addr:${addressOf(c) ?? 'local'}`
}

/** The principal's id when signed in, else the socket's remote address. */
export function clientKey(c: Context): string {
  const principal = (c.var as Record<string, unknown>).principal as { kind?: unknown; id?: unknown } | null | undefined
  // kind too: user 1 and device token 1 are different clients.
  if (principal && principal.id !== undefined) return `principal:${String(principal.kind ?? '')}:${String(principal.id)}`
  return addressKey(c)
}

export function rateLimit(options: RateLimitOptions): MiddlewareHandler {
  const { rule, name } = options
  const now = options.now ?? Date.now
  const maxClients = options.maxClients ?? 10_000
  const keyOf = options.key ?? clientKey
  const perMs = rule.limit / (rule.windowSeconds * 1000)
  const buckets = new Map<string, Bucket>()

  const refill = (b: Bucket, t: number) => {
    b.tokens = Math.min(rule.limit, b.tokens + Math.max(0, t - b.at) * perMs)
    b.at = t
  }
  const sweep = (t: number) => {
    for (const [key, b] of buckets) {
      refill(b, t)
      if (b.tokens >= rule.limit) buckets.delete(key)
    }
  }

  return async (c, next) => {
    const t = now()
    const key = keyOf(c)
    let bucket = buckets.get(key)
    if (!bucket) {
      if (buckets.size >= maxClients) sweep(t)
      bucket = { tokens: rule.limit, at: t }
      buckets.set(key, bucket)
    }
    refill(bucket, t)
    const allowed = bucket.tokens >= 1
    if (allowed) bucket.tokens -= 1
    const headers = {
      'RateLimit-Limit': String(rule.limit),
      'RateLimit-Remaining': String(Math.floor(bucket.tokens)),
      // Seconds until the bucket is full again, which is when the client has its whole budget back.
      'RateLimit-Reset': String(Math.ceil((rule.limit - bucket.tokens) / perMs / 1000)),
      'RateLimit-Policy': `${rule.limit};w=${rule.windowSeconds}`,
    }
    if (!allowed) {
      const retry = Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000))
      return c.json({
        error: {
          code: 'rate_limited',
          message: `too many ${name} requests from this client: ${rule.limit} per ${rule.windowSeconds} s are allowed; retry after ${retry} s`,
        },
      }, 429, { ...headers, 'Retry-After': String(retry) })
    }
    await next()
    for (const [h, v] of Object.entries(headers)) c.res.headers.set(h, v)
  }
}
