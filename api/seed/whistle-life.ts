// The life of one whistle call against WHISTLE_SLA, planned forward and cut at `now`: most departments sign
// within half an hour and arrive and close in time; a few are late at one stage, and the township's rating
// (评哨) says so.
import type { WhistleAction, WhistleStatus } from '../../domain/whistle'
import { whistleDeadlines } from '../../domain/whistle'
import { DAY, HOUR, MINUTE } from '../../domain/time'
import type { Rng } from './random'
import { Weighted } from './random'

/** 'whistle' is the creation row (from_status NULL). */
export type WhistleLifeAction = WhistleAction | 'whistle'

export interface WhistleStep {
  readonly action: WhistleLifeAction
  readonly at: number
  readonly from: WhistleStatus | null
  readonly to: WhistleStatus
  readonly note: string | null
}

export interface WhistleLife {
  readonly status: WhistleStatus
  readonly acknowledgedAt: number | null
  readonly arrivedAt: number | null
  readonly closedAt: number | null
  readonly rating: number | null
  readonly steps: readonly WhistleStep[]
  readonly updatedAt: number
}

const RATING_ON_TIME = new Weighted<number>([[5, 0.6], [4, 0.3], [3, 0.08], [2, 0.015], [1, 0.005]])
const RATING_LATE = new Weighted<number>([[5, 0.2], [4, 0.35], [3, 0.3], [2, 0.1], [1, 0.05]])

const TO: Record<WhistleLifeAction, WhistleStatus> = {
  whistle: 'whistled', acknowledge: 'acknowledged', arrive: 'arrived', close: 'closed', rate: 'rated',
}

export function whistleLife(rng: Rng, whistledAt: number, urgent: boolean, now: number, o: { readonly lateShare: number }): WhistleLife {
  const d = whistleDeadlines(whistledAt, urgent)
  const lateAck = rng.chance(o.lateShare * 1.5)
  const ack = lateAck ? d.acknowledgeBy + 30 * MINUTE * rng.between(0.1, 5) : whistledAt + Math.min(rng.logNormal(9 * MINUTE, 0.7), 29 * MINUTE)
  const lateArrive = rng.chance(o.lateShare)
  const arriveWindow = d.arriveBy - whistledAt
  const arrive = Math.max(ack + 5 * MINUTE, lateArrive
    ? d.arriveBy + arriveWindow * rng.between(0.05, 1)
    : whistledAt + Math.min(rng.logNormal(arriveWindow * (urgent ? 0.45 : 0.2), 0.6), arriveWindow * 0.97))
  const lateClose = rng.chance(o.lateShare)
  const close = lateClose
    ? Math.max(d.closeBy, arrive) + rng.between(0.1 * DAY, 3 * DAY)
    : arrive + Math.max(HOUR, (d.closeBy - arrive) * rng.between(0.05, 0.85))
  const rating = (lateAck || lateArrive || lateClose ? RATING_LATE : RATING_ON_TIME).draw(rng)
  const rate = close + rng.between(HOUR, 2 * DAY)
  const planned: [WhistleLifeAction, number][] = [['whistle', whistledAt], ['acknowledge', ack], ['arrive', arrive], ['close', close], ['rate', rate]]

  const steps: WhistleStep[] = []
  const stamps: Partial<Record<WhistleLifeAction, number>> = {}
  let status: WhistleStatus | null = null
  for (const [action, raw] of planned) {
    const at = Math.max(Math.floor(raw / 1000) * 1000, (steps.at(-1)?.at ?? whistledAt - 1000) + 1000)
    if (at > now) break
    steps.push({ action, at, from: status, to: TO[action], note: action === 'rate' ? `评分 ${rating}` : null })
    status = TO[action]
    stamps[action] = at
  }
  return {
    status: status ?? 'whistled',
    acknowledgedAt: stamps.acknowledge ?? null,
    arrivedAt: stamps.arrive ?? null,
    closedAt: stamps.close ?? null,
    rating: stamps.rate === undefined ? null : rating,
    steps,
    updatedAt: steps.at(-1)?.at ?? whistledAt,
  }
}
