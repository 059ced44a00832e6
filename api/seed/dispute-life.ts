// The life of one dispute under the "343" mechanism, planned forward and cut at `now`. Most settle in the
// village inside its 3-day limit; a high-risk one is lifted to the township at once; a timeout or a failed
// mediation goes up a level (its clock restarts there); at the county a failure is referred to court.
import type { DisputeAction, DisputeLevel, DisputeStatus, MediatorKind, Risk } from '../../domain/dispute'
import { DISPUTE_LEVELS, disputeDeadline, levelAbove } from '../../domain/dispute'
import { DAY, HOUR } from '../../domain/time'
import type { Rng } from './random'
import { Weighted } from './random'

/** 'accept' is the creation row (from_status NULL), as for incidents' 'report'. */
export type DisputeLifeAction = DisputeAction | 'accept'

export interface DisputeStep {
  readonly action: DisputeLifeAction
  readonly at: number
  readonly from: DisputeStatus | null
  readonly to: DisputeStatus
  readonly fromLevel: DisputeLevel | null
  readonly toLevel: DisputeLevel
  readonly note: string | null
}

export interface DisputeLife {
  readonly status: DisputeStatus
  readonly level: DisputeLevel
  readonly mediator: MediatorKind
  readonly levelAcceptedAt: number
  readonly startedAt: number | null
  readonly closedAt: number | null
  readonly deadline: number
  readonly escalations: number
  readonly steps: readonly DisputeStep[]
  readonly updatedAt: number
}

const MEDIATORS: Record<DisputeLevel, Weighted<MediatorKind>> = {
  village: new Weighted([['village-committee', 0.65], ['gentry', 0.3], ['professional', 0.05]]),
  township: new Weighted([['professional', 0.45], ['gentry', 0.35], ['legal-pros', 0.2]]),
  county: new Weighted([['legal-pros', 0.55], ['professional', 0.45]]),
}
const SUCCESS: Record<DisputeLevel, number> = { village: 0.9, township: 0.82, county: 0.72 }
const limitMs = (level: DisputeLevel) => (DISPUTE_LEVELS.find((l) => l.id === level)?.limitDays ?? 3) * DAY

type Planned = [DisputeLifeAction, number, string | null]

function plan(rng: Rng, acceptedAt: number, initial: DisputeLevel, risk: Risk): Planned[] {
  const out: Planned[] = [['accept', acceptedAt, null]]
  let level = initial
  let from = acceptedAt
  for (;;) {
    const limit = limitMs(level)
    const above = levelAbove(level)
    if (level === 'village' && risk === 'high' && above) {
      from += rng.between(2 * HOUR, 18 * HOUR)
      out.push(['escalate', from, '高风险纠纷，提级化解'])
      level = above
      continue
    }
    out.push(['start', from + limit * rng.between(0.02, 0.15), null])
    const timeout = rng.chance(0.05)
    const outcomeAt = from + limit * (timeout ? rng.between(1.02, 1.4) : rng.between(0.15, 0.95))
    if (timeout && above) {
      from = from + limit + rng.between(HOUR, 12 * HOUR)
      out.push(['escalate', from, '超过化解时限，提级化解'])
      level = above
      continue
    }
    if (rng.chance(SUCCESS[level])) {
      out.push(['succeed', outcomeAt, '达成调解协议'])
      return out
    }
    out.push(['fail', outcomeAt, '调解未达成一致'])
    if (above && rng.chance(0.55)) {
      from = outcomeAt + rng.between(2 * HOUR, 2 * DAY)
      out.push(['escalate', from, '调解不成，提级化解'])
      level = above
      continue
    }
    out.push(['refer', outcomeAt + rng.between(DAY, 5 * DAY), '引导当事人通过诉讼或仲裁解决'])
    return out
  }
}

const TO: Record<Exclude<DisputeLifeAction, 'escalate'>, DisputeStatus> = {
  accept: 'accepted', start: 'mediating', succeed: 'succeeded', fail: 'failed', refer: 'litigation',
}

export function disputeLife(rng: Rng, acceptedAt: number, initial: DisputeLevel, risk: Risk, now: number): DisputeLife {
  const planned = plan(rng, acceptedAt, initial, risk)
  // One mediator drawn per level the dispute may reach, before the cut, so the stream does not depend on `now`.
  const mediators = { village: MEDIATORS.village.draw(rng), township: MEDIATORS.township.draw(rng), county: MEDIATORS.county.draw(rng) }
  const steps: DisputeStep[] = []
  let status: DisputeStatus | null = null
  let level: DisputeLevel = initial
  let levelAcceptedAt = acceptedAt
  let startedAt: number | null = null
  let closedAt: number | null = null
  let escalations = 0
  for (const [action, raw, note] of planned) {
    const at = Math.max(Math.floor(raw / 1000) * 1000, (steps.at(-1)?.at ?? acceptedAt - 1000) + 1000)
    if (at > now) break
    const fromLevel: DisputeLevel | null = status === null ? null : level
    if (action === 'escalate') {
      level = levelAbove(level) ?? level
      levelAcceptedAt = at
      startedAt = null
      closedAt = null
      escalations++
    }
    const to: DisputeStatus = action === 'escalate' ? 'accepted' : TO[action]
    if (action === 'start') startedAt = at
    // As the live service stamps it: the end of mediation (settled or failed); a referral keeps the failure's time.
    if (to === 'succeeded' || to === 'failed') closedAt = at
    steps.push({ action, at, from: status, to, fromLevel, toLevel: level, note })
    status = to
  }
  return {
    status: status ?? 'accepted', level, mediator: mediators[level], levelAcceptedAt, startedAt, closedAt,
    deadline: disputeDeadline(levelAcceptedAt, level), escalations, steps, updatedAt: steps.at(-1)?.at ?? acceptedAt,
  }
}
