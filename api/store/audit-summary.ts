// Refused anonymous writes are summarised: one row per address and minute with a count, so a flood of refusals
// (password guessing, a misconfigured device) is one row a minute per address, not a row per request. The
// summary stays out of the chain while its minute runs (it still changes) and is chained once, final.
import type { AuditEntry } from './audit'

export const SUMMARY_MINUTE_MS = 60_000
/** Logins tried are listed, up to this many: enough to tell one mistyped password from a dictionary. */
const MAX_LOGINS = 10

export interface PendingSummary {
  remote: string
  minute: number
  /** The first refusal's time. */
  at: number
  count: number
  /** The method and path when all refusals share them, else '*'. */
  method: string
  path: string
  statuses: Record<string, number>
  logins: string[]
}

export const minuteOf = (at: number) => Math.floor(at / SUMMARY_MINUTE_MS)

/** Adds one refused anonymous write to the summary of its address and minute (null: the first one). */
export function addRefusal(p: PendingSummary | null, e: AuditEntry): PendingSummary {
  const next: PendingSummary = p
    ? { ...p, count: p.count + 1, method: p.method === e.method ? p.method : '*', path: p.path === e.path ? p.path : '*', statuses: { ...p.statuses }, logins: [...p.logins] }
    : { remote: e.remote ?? '', minute: minuteOf(e.at), at: e.at, count: 1, method: e.method, path: e.path, statuses: {}, logins: [] }
  next.statuses[e.status] = (next.statuses[e.status] ?? 0) + 1
  if (e.actor !== null && !next.logins.includes(e.actor) && next.logins.length < MAX_LOGINS) next.logins.push(e.actor)
  return next
}

/**
 * The row a closed minute becomes: no principal; the actor is the login tried when exactly one was; the status
 * the most frequent one (the lowest on a tie); the detail every status with its count and the logins tried.
 */
export function summaryEntry(p: PendingSummary): AuditEntry & { count: number } {
  const statuses = Object.entries(p.statuses).map(([s, n]) => [Number(s), n] as const).sort((a, b) => a[0] - b[0])
  const top = statuses.reduce((best, s) => (s[1] > best[1] ? s : best))
  const logins = p.logins.length ? `; logins tried: ${p.logins.join(', ')}${p.logins.length === MAX_LOGINS ? ', …' : ''}` : ''
  return {
    at: p.at, actor: p.logins.length === 1 ? p.logins[0]! : null, actorKind: null, role: null,
    method: p.method, path: p.path, target: null,
    detail: `refused anonymous writes in this minute: ${statuses.map(([s, n]) => `${s}×${n}`).join(', ')}${logins}`,
    status: top[0], remote: p.remote || null, count: p.count,
  }
}
