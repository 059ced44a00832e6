import { describe, expect, it } from 'vitest'
import { INCIDENT_ACTION_IDS } from '../../domain/incident'
import type { Actor } from '../../domain/actor'
import type { SidedIncident } from '../../domain/incident-sides'
import { actionsOnSides, defaultSupervisionLevel, incidentSides, mayTakeIncidentAction, supervisionLevels, whoMay } from '../../domain/incident-sides'
import { mayTakeWhistleAction, whoMayWhistle } from '../../domain/whistle-sides'

const LUOYANG = '330329100'
const GRID = '33032910000501'
const OTHER_GRID = '33032910000502'
const person = (role: Actor['role'], over: Partial<Actor> = {}): Actor => ({ role, township: null, grids: [], department: null, ...over })
const leader = person('leader')
const officer = person('township', { township: LUOYANG })
const otherOfficer = person('township', { township: '330329101' })
const worker = person('grid', { township: LUOYANG, grids: [GRID] })
const otherWorker = person('grid', { township: LUOYANG, grids: [OTHER_GRID] })
const market = person('department', { department: 'market' })
const wall = person('wall')

const at = (assignee: SidedIncident['assignee']): SidedIncident => ({ township: LUOYANG, grid: GRID, assignee })
const DISPATCHER = ['accept', 'dispatch', 'transfer', 'verify', 'reopen', 'return', 'approveExtension', 'refuseExtension'] as const
const ASSIGNEE = ['sign', 'start', 'resolve', 'sendBack', 'requestExtension'] as const

describe('incident sides', () => {
  it('the dispatcher side: the leader, the township\'s officer and the grid\'s worker, no one else', () => {
    const i = at({ kind: 'department', code: 'market' })
    for (const a of [leader, officer, worker]) for (const action of DISPATCHER) expect(mayTakeIncidentAction(a, i, action), `${a.role} ${action}`).toBe(true)
    for (const a of [otherOfficer, otherWorker, market, wall]) for (const action of DISPATCHER) expect(mayTakeIncidentAction(a, i, action)).toBe(false)
  })

  it('a department assignee: only that department\'s accounts hold the assignee side; a leader never does', () => {
    const i = at({ kind: 'department', code: 'market' })
    for (const action of ASSIGNEE) {
      expect(mayTakeIncidentAction(market, i, action)).toBe(true)
      for (const a of [leader, officer, worker, person('department', { department: 'health' })]) expect(mayTakeIncidentAction(a, i, action)).toBe(false)
    }
  })

  it('a township or grid assignee: the township officer and the grid\'s workers; no assignee: the township\'s people', () => {
    for (const i of [at({ kind: 'township', code: LUOYANG }), at(null)]) {
      expect(actionsOnSides(officer, i, ASSIGNEE)).toEqual(ASSIGNEE)
      expect(actionsOnSides(worker, i, ASSIGNEE)).toEqual(ASSIGNEE)
      expect(actionsOnSides(otherWorker, i, ASSIGNEE)).toEqual([])
      expect(actionsOnSides(leader, i, ASSIGNEE)).toEqual([])
      expect(actionsOnSides(market, i, ASSIGNEE)).toEqual([])
    }
    const toOtherGrid = at({ kind: 'grid', code: OTHER_GRID })
    expect(actionsOnSides(otherWorker, toOtherGrid, ASSIGNEE)).toEqual(ASSIGNEE)
    expect(actionsOnSides(worker, toOtherGrid, ASSIGNEE)).toEqual([])
    expect(actionsOnSides(officer, toOtherGrid, ASSIGNEE)).toEqual(ASSIGNEE)
  })

  it('督办: the leader at either level, the township officer at the township\'s only, nobody else', () => {
    const i = at(null)
    expect(mayTakeIncidentAction(leader, i, 'supervise')).toBe(true)
    expect(mayTakeIncidentAction(officer, i, 'supervise')).toBe(true)
    for (const a of [worker, otherOfficer, market, wall]) expect(mayTakeIncidentAction(a, i, 'supervise')).toBe(false)
    expect(supervisionLevels(leader)).toEqual(['township', 'county'])
    expect(supervisionLevels(officer)).toEqual(['township'])
    expect(defaultSupervisionLevel(leader)).toBe('county')
    expect(defaultSupervisionLevel(officer)).toBe('township')
  })

  it('every action belongs to one side, and the refusal names who may', () => {
    for (const action of INCIDENT_ACTION_IDS) expect(whoMay(action, at(null)).length).toBeGreaterThan(10)
    expect(whoMay('sign', at({ kind: 'department', code: 'market' }))).toMatch(/department market/)
    expect(whoMay('accept', at(null))).toMatch(/county leader.*330329100/)
    expect(incidentSides(officer, at({ kind: 'township', code: LUOYANG }))).toEqual(['dispatcher', 'assignee', 'supervisor'])
  })
})

describe('whistle sides', () => {
  const call = { township: LUOYANG, department: 'market' }
  it('acknowledge, arrive and close: the department called only (not the township, not a leader)', () => {
    for (const action of ['acknowledge', 'arrive', 'close'] as const) {
      expect(mayTakeWhistleAction(market, call, action)).toBe(true)
      for (const a of [leader, officer, person('department', { department: 'health' })]) expect(mayTakeWhistleAction(a, call, action)).toBe(false)
    }
    expect(whoMayWhistle('arrive', call)).toMatch(/department market/)
  })
  it('rate: the township that whistled, or a leader', () => {
    expect(mayTakeWhistleAction(officer, call, 'rate')).toBe(true)
    expect(mayTakeWhistleAction(leader, call, 'rate')).toBe(true)
    for (const a of [otherOfficer, market, worker]) expect(mayTakeWhistleAction(a, call, 'rate')).toBe(false)
  })
})
