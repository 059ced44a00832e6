// Progressive slowdown of password guessing against one login, from however many addresses. The address budget
// (rate-limit.ts) bounds one guesser; this bounds many guessers sharing a target. After FREE_FAILURES failures for
// a login, each further one makes the next attempt for that login wait longer — 1, 2, 4 … s, capped at
// MAX_WAIT_MS — and an attempt that comes early is answered 429 with Retry-After without its password being
// looked at (so the answer says nothing about it). A correct password, once evaluated, signs in at once and
// clears the count. There is never a lock-out: the cap bounds what a stranger can do to the real user to one
// minute's wait per attempt, and an address the login signed in from before is not slowed at all (a stranger
// elsewhere who times a guess for the moment each wait ends cannot keep the leader out of their usual office).
// Memory: one small entry per login that failed recently (swept, at most MAX_LOGINS), and at most
// KNOWN_PER_LOGIN addresses per login that signed in (so bounded by the number of real accounts).
import { ApiError } from '../errors'

/** Failures for one login before any wait: enough for a person who mistypes a few times. */
export const FREE_FAILURES = 5
export const FIRST_WAIT_MS = 1_000
/** The longest wait: what an attacker can impose on the real user per attempt, and one guess a minute at most. */
export const MAX_WAIT_MS = 60_000
/** A login with no failure for this long starts afresh. */
const FORGET_MS = 15 * 60_000
/** An address a login signed in from stays exempt for this long after its last success. */
const KNOWN_MS = 30 * 86_400_000
const KNOWN_PER_LOGIN = 8
const MAX_LOGINS = 10_000

interface Failures { count: number; lastAt: number; retryAt: number }

export interface SignInBackoffOptions {
  /** Milliseconds; the app's clock, so tests can move it. */
  now?: () => number
  /** Logins tracked before forgotten ones are swept (and then the least recently failed dropped). */
  maxLogins?: number
}

/** The wait after `count` failures, in ms: none before FREE_FAILURES, then doubling up to MAX_WAIT_MS. */
export function waitAfter(count: number): number {
  if (count < FREE_FAILURES) return 0
  return Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** Math.min(count - FREE_FAILURES, 30))
}

export interface SignInAttempt {
  /** The password (and second factor) proved right: forget this login's failures and remember the address. */
  succeeded(): void
}

/**
 * Admits a sign-in attempt for `login` from `address` (the rate limit's address key), or throws the 429 that says
 * when to retry. An admitted attempt counts as failed until `succeeded()` says otherwise.
 */
export type SignInBackoff = (login: string, address: string) => SignInAttempt

export function signInBackoff(options: SignInBackoffOptions = {}): SignInBackoff {
  const now = options.now ?? Date.now
  const maxLogins = options.maxLogins ?? MAX_LOGINS
  const failures = new Map<string, Failures>()
  const known = new Map<string, Map<string, number>>()

  const sweep = (t: number) => {
    for (const [login, f] of failures) if (t - f.lastAt >= FORGET_MS && t >= f.retryAt) failures.delete(login)
    while (failures.size >= maxLogins) failures.delete(failures.keys().next().value!)
  }
  const isKnown = (login: string, address: string, t: number) => {
    const at = known.get(login)?.get(address)
    return at !== undefined && t - at < KNOWN_MS
  }
  const remember = (login: string, address: string, t: number) => {
    const addresses = known.get(login) ?? new Map<string, number>()
    addresses.delete(address)
    addresses.set(address, t)
    if (addresses.size > KNOWN_PER_LOGIN) addresses.delete(addresses.keys().next().value!)
    known.set(login, addresses)
  }

  return (login, address) => {
    const t = now()
    if (isKnown(login, address, t)) return { succeeded: () => remember(login, address, t) }
    let f = failures.get(login)
    if (f && t - f.lastAt >= FORGET_MS && t >= f.retryAt) f = undefined
    if (f && t < f.retryAt) {
      const retry = Math.ceil((f.retryAt - t) / 1000)
      throw new ApiError(429, 'rate_limited', `too many failed sign-ins for this login: wait ${retry} s, then sign in again`,
        { 'Retry-After': String(retry) })
    }
    // Counted as failed until it proves otherwise, so attempts sent together cannot all slip through one opening.
    if (!f) {
      if (failures.size >= maxLogins) sweep(t)
      f = { count: 0, lastAt: t, retryAt: t }
    }
    failures.delete(login) // re-inserted last: the map's order is least recently failed first
    f.count += 1
    f.lastAt = t
    f.retryAt = t + waitAfter(f.count)
    failures.set(login, f)
    return {
      succeeded() {
        failures.delete(login)
        remember(login, address, t)
      },
    }
  }
}
