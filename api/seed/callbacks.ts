// Call-backs (回访) of the seed's verified incidents: each verification is drawn by the same rule the API applies
// (domain/callback.ts drawsCallback at the default shares: every hotline and app case, a tenth of the rest), so a
// seeded database holds the tasks a live one would have. Answers come from their own random stream (the incidents'
// stream, and with it every other seeded figure, is untouched): mostly 满意, some 基本满意, a few per cent 不满意;
// most within the 5 working days, some late, and the recent ones still awaited at `now`. A 不满意 answer sends the
// case back (重办) as the API does: redone, resolved and verified again (as far as `now` reaches), which may draw
// again. The seed's dispatch steps have no actor, so every task is the township's to make.
import type { Assignee } from '../../domain/assignee'
import type { CallbackResult } from '../../domain/callback'
import { DEFAULT_CALLBACK_SHARES, REDO_RESULT, callbackDueBy, callbackOwner, drawsCallback } from '../../domain/callback'
import type { IncidentStatus, Severity } from '../../domain/incident'
import { countyOf } from '../../domain/regions'
import { incidentDeadlines } from '../../domain/sla'
import { DAY, HOUR } from '../../domain/time'
import type { Rng } from './random'
import type { SqlValue } from './writer'

export const CALLBACK_COLUMNS = ['id', 'incident_id', 'county', 'township', 'owner', 'assignee_kind', 'assignee_code', 'created_at',
  'due_by', 'result', 'note', 'done_at', 'synthetic', 'updated_at'] as const

/** A step the redo adds to the incident's history. */
export interface RedoStep { readonly action: 'redo' | 'resolve' | 'verify'; readonly at: number; readonly from: IncidentStatus; readonly to: IncidentStatus }

export interface SeededCallbacks {
  /** callbacks rows, in CALLBACK_COLUMNS order, without their id (the writer numbers them). */
  readonly rows: SqlValue[][]
  readonly steps: readonly RedoStep[]
  /** The incident as the redo left it; null when no answer was 不满意. */
  readonly incident: { status: IncidentStatus; resolvedAt: number | null; verifiedAt: number | null; resolveBy: number; updatedAt: number } | null
}

export interface VerifiedCase {
  readonly id: number
  readonly source: string
  readonly severity: Severity
  readonly township: string
  readonly assignee: Assignee | null
  readonly verifiedAt: number
  readonly now: number
}

const NOTE: Record<CallbackResult, string | null> = {
  satisfied: null,
  basicallySatisfied: '群众基本认可处置结果(合成)',
  dissatisfied: '群众反映问题仍未彻底解决(合成)',
}

function answer(rng: Rng): CallbackResult {
  const roll = rng.next()
  return roll < 0.03 ? 'dissatisfied' : roll < 0.2 ? 'basicallySatisfied' : 'satisfied'
}

/** The call-back tasks of one verified case, and what a 不满意 answer did to it. */
export function seedCallbacks(rng: Rng, c: VerifiedCase): SeededCallbacks {
  const rows: SqlValue[][] = []
  const steps: RedoStep[] = []
  let incident: SeededCallbacks['incident'] = null
  let verifiedAt: number | null = c.verifiedAt
  // A case redone is verified again and drawn again (the draw hashes the id): at most a few rounds.
  for (let round = 0; verifiedAt !== null && round < 3 && drawsCallback(c.id, c.source, DEFAULT_CALLBACK_SHARES); round++) {
    const createdAt: number = verifiedAt
    const dueBy = callbackDueBy(createdAt)
    // 8 % are answered after the limit; the rest within it, most in the first days.
    const answeredAt = Math.floor(rng.chance(0.08) ? dueBy + rng.between(0.5 * DAY, 4 * DAY) : createdAt + (dueBy - createdAt) * rng.next() ** 2 + HOUR)
    const result = answer(rng)
    const done = answeredAt <= c.now
    rows.push([c.id, countyOf(c.township), c.township, callbackOwner(null), c.assignee?.kind ?? null, c.assignee?.code ?? null,
      createdAt, dueBy, done ? result : null, done ? NOTE[result] : null, done ? answeredAt : null, 1, done ? answeredAt : createdAt])
    verifiedAt = null
    if (!done || result !== REDO_RESULT) break
    // 重办: back in hand from the answer, with a new resolve limit; resolved and verified again as `now` allows.
    const resolveAt = Math.floor(answeredAt + rng.between(0.5 * DAY, 3 * DAY))
    const verifyAt = Math.floor(resolveAt + rng.between(0.5 * DAY, 2 * DAY))
    const { resolveBy } = incidentDeadlines(answeredAt, c.severity)
    steps.push({ action: 'redo', at: answeredAt, from: 'archived', to: 'handling' })
    incident = { status: 'handling', resolvedAt: null, verifiedAt: null, resolveBy, updatedAt: answeredAt }
    if (resolveAt <= c.now) {
      steps.push({ action: 'resolve', at: resolveAt, from: 'handling', to: 'resolved' })
      incident = { ...incident, status: 'resolved', resolvedAt: resolveAt, updatedAt: resolveAt }
    }
    if (resolveAt <= c.now && verifyAt <= c.now) {
      steps.push({ action: 'verify', at: verifyAt, from: 'resolved', to: 'archived' })
      incident = { ...incident, status: 'archived', verifiedAt: verifyAt, updatedAt: verifyAt }
      verifiedAt = verifyAt
    }
  }
  return { rows, steps, incident }
}
