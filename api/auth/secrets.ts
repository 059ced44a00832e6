// Passwords and random secrets. Passwords: scrypt (node:crypto, no dependency) with a per-user 16-byte salt,
// stored as `scrypt$N$r$p$salt$hash` so the cost can be raised later without breaking stored hashes. Tokens and
// session ids: 32 random bytes; only their SHA-256 is stored (a high-entropy secret needs no slow hash).
import { createHash, randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto'
import type { ScryptOptions } from 'node:crypto'

/** N = 2^14, r = 8: about 50 ms and 16 MB per hash here, the common interactive setting. */
const COST = { N: 16384, r: 8, p: 1 }
const KEY_BYTES = 32

function scryptAsync(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password, salt, KEY_BYTES, options, (err, key) => (err ? reject(err) : resolve(key))))
}

const encode = (salt: Buffer, key: Buffer, cost: typeof COST = COST) => `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${key.toString('base64')}`

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  return encode(salt, await scryptAsync(password, salt, COST))
}

export function hashPasswordSync(password: string): string {
  const salt = randomBytes(16)
  return encode(salt, scryptSync(password, salt, KEY_BYTES, COST))
}

/**
 * For passwords published in the README (the demo's accounts) and for nothing else: N = 2^10, 1/16 of the cost,
 * in the same stored format (verifyPassword reads the cost from it). A slow hash makes guessing a secret password
 * from a copy of the database expensive; a published one has nothing left to guess. At full cost the demo's 21
 * accounts add 1-2.5 s to every first start on two cores (and to every test that starts a server); at this one,
 * a few milliseconds. A demo password changed later (npm run user -- passwd) is hashed at full cost.
 */
const PUBLISHED_COST = { N: 1024, r: 8, p: 1 }
export function hashPublishedPassword(password: string): string {
  const salt = randomBytes(16)
  return encode(salt, scryptSync(password, salt, KEY_BYTES, PUBLISHED_COST), PUBLISHED_COST)
}

/** A stored hash that no password matches: unknown logins are checked against it, so both take as long. */
export const DUMMY_HASH = hashPasswordSync(randomBytes(16).toString('hex'))

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$')
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number]
  const salt = Buffer.from(parts[4]!, 'base64')
  const expected = Buffer.from(parts[5]!, 'base64')
  const key = await scryptAsync(password, salt, { N, r, p, maxmem: 128 * N * r * 2 })
  return key.length === expected.length && timingSafeEqual(key, expected)
}

export const sha256 = (secret: string) => createHash('sha256').update(secret).digest('hex')

/** An API token: a prefix that says what it is (and lets secret scanners find leaked ones), then 256 random bits. */
export const newTokenSecret = () => `omt_${randomBytes(32).toString('base64url')}`
export const newSessionId = () => randomBytes(32).toString('base64url')
