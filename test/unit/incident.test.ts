import { describe, expect, it } from 'vitest'
import type { IncidentAction, IncidentContext, IncidentStatus } from '../../domain/incident'
import {
  INCIDENT_ACTION_IDS,
  INCIDENT_ACTION_STAMP,
  INCIDENT_STATUS_IDS,
  allowedIncidentActions,
  nextIncidentStatus,
} from '../../domain/incident'

// The allowed moves, written out by hand, independent of the implementation's table.
// `when` names the context the move needs.
type Expected = { to: IncidentStatus; when?: 'off-list' | 'overdue' | 'unsigned' | 'no-request' | 'request' }
const ALLOWED: Partial<Record<`${IncidentStatus}:${IncidentAction}`, Expected>> = {
  'reported:accept': { to: 'accepted' },
  'accepted:dispatch': { to: 'dispatched' },
  'dispatched:sign': { to: 'dispatched', when: 'unsigned' },
  'dispatched:start': { to: 'handling' },
  'dispatched:transfer': { to: 'dispatched' },
  'handling:transfer': { to: 'dispatched' },
  'dispatched:sendBack': { to: 'accepted' },
  'handling:sendBack': { to: 'accepted' },
  'dispatched:requestExtension': { to: 'dispatched', when: 'no-request' },
  'handling:requestExtension': { to: 'handling', when: 'no-request' },
  'dispatched:approveExtension': { to: 'dispatched', when: 'request' },
  'handling:approveExtension': { to: 'handling', when: 'request' },
  'dispatched:refuseExtension': { to: 'dispatched', when: 'request' },
  'handling:refuseExtension': { to: 'handling', when: 'request' },
  'handling:resolve': { to: 'resolved' },
  'resolved:verify': { to: 'archived' },
  'resolved:reopen': { to: 'handling' },
  'reported:return': { to: 'returned', when: 'off-list' },
  'accepted:return': { to: 'returned', when: 'off-list' },
  'reported:supervise': { to: 'reported', when: 'overdue' },
  'accepted:supervise': { to: 'accepted', when: 'overdue' },
  'dispatched:supervise': { to: 'dispatched', when: 'overdue' },
  'handling:supervise': { to: 'handling', when: 'overdue' },
}

const CONTEXTS: IncidentContext[] = [true, false].flatMap((onList) => [true, false].flatMap((overdue) =>
  [true, false].flatMap((signed) => [true, false].map((extensionPending) => ({ onList, overdue, signed, extensionPending })))))
const PLAIN = { signed: false, extensionPending: false }

function expected(status: IncidentStatus, action: IncidentAction, ctx: IncidentContext): IncidentStatus | null {
  const move = ALLOWED[`${status}:${action}`]
  if (!move) return null
  if (move.when === 'off-list' && ctx.onList) return null
  if (move.when === 'overdue' && !ctx.overdue) return null
  if (move.when === 'unsigned' && ctx.signed) return null
  if (move.when === 'no-request' && ctx.extensionPending) return null
  if (move.when === 'request' && !ctx.extensionPending) return null
  return move.to
}

describe('incident life cycle', () => {
  const cases = INCIDENT_STATUS_IDS.flatMap((status) =>
    INCIDENT_ACTION_IDS.flatMap((action) => CONTEXTS.map((ctx) => ({ status, action, ctx }))),
  )

  it.each(cases)('$status + $action with $ctx', ({ status, action, ctx }) => {
    const want = expected(status, action, ctx)
    const got = nextIncidentStatus(status, action, ctx)
    if (want === null) {
      expect(got.ok).toBe(false)
    } else {
      expect(got).toEqual({ ok: true, status: want })
    }
  })

  it.each(INCIDENT_STATUS_IDS.flatMap((status) => CONTEXTS.map((ctx) => ({ status, ctx }))))(
    'allowed actions from $status with $ctx match the table',
    ({ status, ctx }) => {
      const want = INCIDENT_ACTION_IDS.filter((a) => expected(status, a, ctx) !== null)
      expect(allowedIncidentActions(status, ctx)).toEqual(want)
    },
  )

  it('a refusal names the action, the status and what is allowed now', () => {
    const got = nextIncidentStatus('dispatched', 'verify', { onList: true, overdue: false, ...PLAIN })
    expect(got.ok).toBe(false)
    if (got.ok) return
    expect(got.code).toBe('invalid-transition')
    expect(got.allowed).toEqual(['sign', 'start', 'transfer', 'sendBack', 'requestExtension'])
    expect(got.message).toContain('verify')
    expect(got.message).toContain('交办')
    expect(got.message).toContain('allowed now: sign, start')
  })

  it('returning an on-list incident says why', () => {
    const got = nextIncidentStatus('reported', 'return', { onList: true, overdue: false, ...PLAIN })
    expect(got.ok).toBe(false)
    if (got.ok) return
    expect(got.message).toMatch(/属地管理 list/)
    expect(got.allowed).toEqual(['accept'])
  })

  it('final statuses say so; an archived case allows nothing a request may ask for', () => {
    const returned = nextIncidentStatus('returned', 'accept', { onList: false, overdue: true, ...PLAIN })
    expect(!returned.ok && returned.message).toContain('is final')
    const archived = nextIncidentStatus('archived', 'accept', { onList: false, overdue: true, ...PLAIN })
    expect(!archived.ok && archived.message).toMatch(/no action is allowed now/)
    expect(allowedIncidentActions('archived', { onList: true, overdue: false, ...PLAIN })).toEqual([])
  })

  it('重办 (redo) leaves archived for handling only when a call-back was answered 不满意, and says what causes it otherwise', () => {
    expect(nextIncidentStatus('archived', 'redo', { onList: true, overdue: false, ...PLAIN, callbackDissatisfied: true })).toEqual({ ok: true, status: 'handling' })
    const asked = nextIncidentStatus('archived', 'redo', { onList: true, overdue: false, ...PLAIN })
    expect(!asked.ok && asked.message).toMatch(/dissatisfied call-back/)
    expect(nextIncidentStatus('resolved', 'redo', { onList: true, overdue: false, ...PLAIN, callbackDissatisfied: true }).ok).toBe(false)
  })

  it('supervision keeps the status (recorded in history only)', () => {
    expect(nextIncidentStatus('handling', 'supervise', { onList: true, overdue: true, ...PLAIN })).toEqual({ ok: true, status: 'handling' })
  })

  it('each stamping action stamps its own time field; reopen and the assignment steps stamp none', () => {
    expect(INCIDENT_ACTION_STAMP.accept).toBe('acceptedAt')
    expect(INCIDENT_ACTION_STAMP.sign).toBe('signedAt')
    const none = ['reopen', 'transfer', 'sendBack', 'requestExtension', 'approveExtension', 'refuseExtension', 'redo']
    for (const a of none) expect(INCIDENT_ACTION_STAMP[a as IncidentAction]).toBeNull()
    expect(new Set(Object.values(INCIDENT_ACTION_STAMP).filter((v) => v !== null)).size).toBe(INCIDENT_ACTION_IDS.length - none.length)
  })

  it('a second sign, a second extension request and an answer to none are refused with the reason', () => {
    const twice = nextIncidentStatus('dispatched', 'sign', { onList: true, overdue: false, signed: true, extensionPending: false })
    expect(!twice.ok && twice.message).toMatch(/signed for already/)
    const again = nextIncidentStatus('handling', 'requestExtension', { onList: true, overdue: false, signed: true, extensionPending: true })
    expect(!again.ok && again.message).toMatch(/waiting for an answer already/)
    const none = nextIncidentStatus('handling', 'approveExtension', { onList: true, overdue: false, ...PLAIN })
    expect(!none.ok && none.message).toMatch(/no extension request is waiting/)
  })
})
