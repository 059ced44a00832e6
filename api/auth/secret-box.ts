// Sealing a shared secret (a TOTP key) at rest. Unlike a password it cannot be hashed: the server must read it
// back to compute codes. It is sealed with AES-256-GCM under TOTP_KEY, which lives in the server's environment and
// not in the database, so a copy of the database (a backup, a stolen file) does not give anyone the codes. The
// user id is authenticated data: a sealed secret copied onto another user's row does not open.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { ApiError } from '../errors'

const SEALED = /^gcm1:([A-Za-z0-9_-]{16}):([A-Za-z0-9_-]{22}):([A-Za-z0-9_-]+)$/
const PLAIN = 'plain:'

export function seal(key: Buffer, owner: number, secret: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(`user:${owner}`))
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()])
  return `gcm1:${iv.toString('base64url')}:${cipher.getAuthTag().toString('base64url')}:${body.toString('base64url')}`
}

/** Stored as is: only for a secret that is public anyway (the demo administrator's, printed in the README). */
export const unsealed = (secret: string) => `${PLAIN}${secret}`

const unreadable = (why: string) => new ApiError(503, 'second_factor_unreadable',
  `the server cannot read this account's second factor (${why}); start it with the TOTP_KEY used at enrolment, or re-enrol on the server with npm run user -- totp`)

export function open(key: Buffer | null, owner: number, stored: string): string {
  if (stored.startsWith(PLAIN)) return stored.slice(PLAIN.length)
  const m = SEALED.exec(stored)
  if (!m) throw unreadable('its stored form is unknown')
  if (!key) throw unreadable('TOTP_KEY is not set')
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(m[1]!, 'base64url')).setAAD(Buffer.from(`user:${owner}`))
    decipher.setAuthTag(Buffer.from(m[2]!, 'base64url'))
    return Buffer.concat([decipher.update(Buffer.from(m[3]!, 'base64url')), decipher.final()]).toString('utf8')
  } catch {
    throw unreadable('TOTP_KEY differs from the one it was sealed with')
  }
}
