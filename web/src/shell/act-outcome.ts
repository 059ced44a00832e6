// What the drawer says when an action is refused: a conflict (someone acted since the user looked: who did what
// when, and the record as it is now), a refusal the server explains (403 not yours, 422 what to fix, 409 not
// allowed now) shown in its own words, or a failure to reach the server. Pure, so each case is unit-tested.
import type { Lang } from '../i18n'
import { formatDateTime } from '../i18n/format'
import type { Messages } from '../i18n/zh-CN'
import { actorInSentence } from './history-actor'
import type { Actor } from './history-actor'

export type Refusal =
  | { kind: 'conflict'; message: string; current: Record<string, unknown> | null }
  | { kind: 'refused'; status: number; message: string }
  | { kind: 'failed'; message: string }

/** The last step of a record's history, as the conflict message needs it. */
export interface LastStep { at: string; action: string; by?: Actor | null }

const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '')

/**
 * Who did what when, from the record's latest history step (its action named in the view's language by
 * `actionName`); the server's own message when the record has no history to tell it.
 */
export function conflictMessage(last: LastStep | null, serverMessage: string, actionName: (action: string) => string, lang: Lang, t: Messages): string {
  if (!last) return fill(t.actConflictUnknown, { m: serverMessage })
  return fill(t.actConflict, { who: actorInSentence(last.by ?? null, lang, t), what: actionName(last.action), at: formatDateTime(last.at, lang) })
}

interface ErrorLike { status: number; code: string; message: string; body: unknown }

const isErrorLike = (e: unknown): e is ErrorLike =>
  typeof e === 'object' && e !== null && typeof (e as ErrorLike).status === 'number' && typeof (e as ErrorLike).code === 'string'

/** The record the conflict answer carries (at the top of the body, or inside `error`), or null. */
function currentOf(body: unknown): Record<string, unknown> | null {
  const b = body as { current?: unknown; error?: { current?: unknown } } | null
  const current = b?.current ?? b?.error?.current
  return typeof current === 'object' && current !== null ? (current as Record<string, unknown>) : null
}

/**
 * Sorts a failed request: 409 `conflict` → the conflict (its message is composed once the record as it is now is
 * known, see conflictMessage); any other answer from the server → refused, in the server's words; no answer → failed.
 */
export function classifyRefusal(err: unknown, t: Messages): Refusal {
  if (!isErrorLike(err)) return { kind: 'failed', message: fill(t.actFailed, { m: err instanceof Error ? err.message : String(err) }) }
  if (err.status === 409 && err.code === 'conflict') return { kind: 'conflict', message: err.message, current: currentOf(err.body) }
  if (err.status === 403) return { kind: 'refused', status: 403, message: fill(t.actForbidden, { m: err.message }) }
  if (err.status >= 400 && err.status < 500 && err.status !== 401) return { kind: 'refused', status: err.status, message: fill(t.actRefused, { m: err.message }) }
  return { kind: 'failed', message: fill(t.actFailed, { m: err.message }) }
}
