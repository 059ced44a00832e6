import { describe, expect, it } from 'vitest'
import type { DisputeAction, DisputeLevel, DisputeStatus } from '../../domain/dispute'
import {
  DISPUTE_ACTION_IDS,
  DISPUTE_LEVEL_IDS,
  DISPUTE_METHODS,
  DISPUTE_STATUS_IDS,
  allowedDisputeActions,
  disputeDeadline,
  escalationReason,
  isDisputeOverdue,
  nextDisputeState,
} from '../../domain/dispute'

const D = 24 * 3600_000
const T0 = Date.UTC(2020, 8, 1)

// Hand-written: where each action leads, and at which levels it is allowed.
type Expected = { status: DisputeStatus; levelUp?: true }
const ALLOWED: Partial<Record<`${DisputeStatus}:${DisputeAction}`, Expected>> = {
  'accepted:start': { status: 'mediating' },
  'mediating:succeed': { status: 'succeeded' },
  'mediating:fail': { status: 'failed' },
  'failed:refer': { status: 'litigation' },
  'accepted:escalate': { status: 'accepted', levelUp: true },
  'mediating:escalate': { status: 'accepted', levelUp: true },
  'failed:escalate': { status: 'accepted', levelUp: true },
}
const UP: Record<DisputeLevel, DisputeLevel | null> = { village: 'township', township: 'county', county: null }

function expected(status: DisputeStatus, action: DisputeAction, level: DisputeLevel) {
  const move = ALLOWED[`${status}:${action}`]
  if (!move) return null
  if (!move.levelUp) return { status: move.status, level }
  const up = UP[level]
  return up ? { status: move.status, level: up } : null
}

describe('dispute life cycle', () => {
  const cases = DISPUTE_STATUS_IDS.flatMap((status) =>
    DISPUTE_ACTION_IDS.flatMap((action) => DISPUTE_LEVEL_IDS.map((level) => ({ status, action, level }))),
  )

  it.each(cases)('$status + $action at $level level', ({ status, action, level }) => {
    const want = expected(status, action, level)
    const got = nextDisputeState({ status, level }, action)
    if (want === null) expect(got.ok).toBe(false)
    else expect(got).toEqual({ ok: true, ...want })
  })

  it.each(DISPUTE_STATUS_IDS.flatMap((status) => DISPUTE_LEVEL_IDS.map((level) => ({ status, level }))))(
    'allowed actions from $status at $level match the table',
    ({ status, level }) => {
      const want = DISPUTE_ACTION_IDS.filter((a) => expected(status, a, level) !== null)
      expect(allowedDisputeActions({ status, level })).toEqual(want)
    },
  )

  it('escalating at county level is refused with the reason and the alternatives', () => {
    const got = nextDisputeState({ status: 'mediating', level: 'county' }, 'escalate')
    expect(got.ok).toBe(false)
    if (got.ok) return
    expect(got.message).toContain('county level')
    expect(got.allowed).toEqual(['succeed', 'fail'])
  })

  it('has the four "343" methods', () => {
    expect(DISPUTE_METHODS.map((m) => m.name)).toEqual(['拉网式排查', '集中式会诊', '携手式联调', '一体化防控'])
  })
})

describe('dispute time limits: 3 / 7 / 20 days by level', () => {
  it.each([
    ['village', 3],
    ['township', 7],
    ['county', 20],
  ] as const)('%s: %d days, overdue 1 ms after', (level, days) => {
    const due = disputeDeadline(T0, level)
    expect(due).toBe(T0 + days * D)
    const d = { status: 'mediating' as const, level, levelAcceptedAt: T0 }
    expect(isDisputeOverdue(d, due)).toBe(false)
    expect(isDisputeOverdue(d, due + 1)).toBe(true)
  })

  it('closed disputes are never overdue', () => {
    for (const status of ['succeeded', 'failed', 'litigation'] as const) {
      expect(isDisputeOverdue({ status, level: 'village', levelAcceptedAt: T0 }, T0 + 100 * D)).toBe(false)
    }
  })

  it('escalation reasons: timeout below the county, high risk in the village', () => {
    const base = { status: 'accepted' as const, levelAcceptedAt: T0 }
    expect(escalationReason({ ...base, level: 'village', risk: 'low' }, T0 + 3 * D + 1)).toBe('timeout')
    expect(escalationReason({ ...base, level: 'village', risk: 'high' }, T0)).toBe('risk')
    expect(escalationReason({ ...base, level: 'township', risk: 'high' }, T0)).toBeNull()
    expect(escalationReason({ ...base, level: 'county', risk: 'high' }, T0 + 100 * D)).toBeNull()
    expect(escalationReason({ ...base, status: 'succeeded', level: 'village', risk: 'high' }, T0 + 100 * D)).toBeNull()
  })
})
