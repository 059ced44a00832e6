import { describe, expect, it } from 'vitest'
import type { WhistleAction, WhistleStatus } from '../../domain/whistle'
import {
  OPEN_WHISTLE_STATUSES,
  WHISTLE_ACTION_IDS,
  WHISTLE_STATUS_IDS,
  allowedWhistleActions,
  nextWhistleStatus,
  whistleDeadlines,
  whistleDueAt,
  whistleSlaState,
} from '../../domain/whistle'

const MIN = 60_000
const H = 60 * MIN
const T0 = Date.UTC(2020, 6, 15, 2)

const ALLOWED: Partial<Record<`${WhistleStatus}:${WhistleAction}`, WhistleStatus>> = {
  'whistled:acknowledge': 'acknowledged',
  'acknowledged:arrive': 'arrived',
  'arrived:close': 'closed',
  'closed:rate': 'rated',
}
const RATINGS = [undefined, 0, 1, 3, 5, 6, 2.5]
const validRating = (r: number | undefined) => r !== undefined && [1, 2, 3, 4, 5].includes(r)

function expected(status: WhistleStatus, action: WhistleAction, rating: number | undefined) {
  const to = ALLOWED[`${status}:${action}`] ?? null
  return to === 'rated' && !validRating(rating) ? null : to
}

describe('whistle life cycle', () => {
  const cases = WHISTLE_STATUS_IDS.flatMap((status) =>
    WHISTLE_ACTION_IDS.flatMap((action) => RATINGS.map((rating) => ({ status, action, rating }))),
  )

  it.each(cases)('$status + $action (rating $rating)', ({ status, action, rating }) => {
    const want = expected(status, action, rating)
    const got = nextWhistleStatus(status, action, { rating })
    if (want === null) expect(got.ok).toBe(false)
    else expect(got).toEqual({ ok: true, status: want })
  })

  it.each(WHISTLE_STATUS_IDS)('allowed actions from %s match the table', (status) => {
    const want = WHISTLE_ACTION_IDS.filter((a) => expected(status, a, 4) !== null)
    expect(allowedWhistleActions(status, { rating: 4 })).toEqual(want)
  })

  it('rating without a valid score says what is wanted', () => {
    const got = nextWhistleStatus('closed', 'rate', { rating: 9 })
    expect(got.ok).toBe(false)
    if (got.ok) return
    expect(got.message).toContain('from 1 to 5')
    expect(got.message).toContain('no action is allowed now')
    expect(got.message).not.toContain('final')
  })
})

describe('whistle SLA', () => {
  it('a call is open exactly while a stage deadline runs', () => {
    const running = WHISTLE_STATUS_IDS.filter((status) => whistleDueAt({ status, urgent: false, whistledAt: T0 }) !== null)
    expect(OPEN_WHISTLE_STATUSES).toEqual(running)
  })

  it('deadlines: acknowledge 30 min; on site 24 h, or 2 h when urgent', () => {
    expect(whistleDeadlines(T0, false)).toMatchObject({ acknowledgeBy: T0 + 30 * MIN, arriveBy: T0 + 24 * H })
    expect(whistleDeadlines(T0, true)).toMatchObject({ acknowledgeBy: T0 + 30 * MIN, arriveBy: T0 + 2 * H })
  })

  it('acknowledgement stage: ok, due-soon in the last quarter, breached 1 ms after', () => {
    const w = { status: 'whistled' as const, urgent: false, whistledAt: T0 }
    expect(whistleSlaState(w, T0)).toBe('ok')
    expect(whistleSlaState(w, T0 + 22.5 * MIN - 1)).toBe('ok')
    expect(whistleSlaState(w, T0 + 22.5 * MIN)).toBe('due-soon')
    expect(whistleSlaState(w, T0 + 30 * MIN)).toBe('due-soon')
    expect(whistleSlaState(w, T0 + 30 * MIN + 1)).toBe('breached')
  })

  it('on-site stage runs against 2 h when urgent, 24 h otherwise', () => {
    const urgent = { status: 'acknowledged' as const, urgent: true, whistledAt: T0 }
    expect(whistleSlaState(urgent, T0 + 2 * H)).toBe('due-soon')
    expect(whistleSlaState(urgent, T0 + 2 * H + 1)).toBe('breached')
    const normal = { ...urgent, urgent: false }
    expect(whistleSlaState(normal, T0 + 2 * H + 1)).toBe('ok')
    expect(whistleSlaState(normal, T0 + 24 * H + 1)).toBe('breached')
  })

  it('closed and rated calls have no running clock', () => {
    for (const status of ['closed', 'rated'] as const) {
      expect(whistleSlaState({ status, urgent: true, whistledAt: T0 }, T0 + 1000 * H)).toBe('ok')
    }
  })
})
