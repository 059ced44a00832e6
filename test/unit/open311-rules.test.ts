// The Open311 rules as data (domain/open311.ts) and the intake role's scope (domain/roles.ts): which statuses read
// open, the query window, the services; an intake integration reaches its township or the county, and nothing else.
import { describe, expect, test } from 'vitest'
import { INCIDENT_TYPES } from '../../domain/catalogue'
import { INCIDENT_STATUS_IDS, OPEN_INCIDENT_STATUSES } from '../../domain/incident'
import { OPEN311_SERVICES, open311Status, requestWindow, serviceDefinition, statusesOf } from '../../domain/open311'
import { reachOf, scopeProblem } from '../../domain/roles'

const DAY = 86_400_000
const NOW = Date.parse('2026-11-27T02:00:00Z')

describe('open311 rules', () => {
  test('open = the deadline clock runs; every other status is closed; the two lists cover every status once', () => {
    expect(statusesOf('open')).toEqual(OPEN_INCIDENT_STATUSES)
    expect([...statusesOf('open'), ...statusesOf('closed')].sort()).toEqual([...INCIDENT_STATUS_IDS].sort())
    expect(open311Status('resolved')).toBe('closed')
    expect(open311Status('returned')).toBe('closed')
    expect(open311Status('dispatched')).toBe('open')
  })

  test('the window: the last 90 days by default, 90 days from a start or up to an end, both at most 90 days apart', () => {
    expect(requestWindow(undefined, undefined, NOW)).toEqual({ from: NOW - 90 * DAY, to: NOW + 1 })
    expect(requestWindow(NOW - DAY, undefined, NOW)).toEqual({ from: NOW - DAY, to: NOW + 89 * DAY })
    expect(requestWindow(undefined, NOW, NOW)).toEqual({ from: NOW - 90 * DAY, to: NOW })
    expect(requestWindow(NOW - 90 * DAY, NOW, NOW)).toEqual({ from: NOW - 90 * DAY, to: NOW })
    expect(requestWindow(NOW - 90 * DAY - 1, NOW, NOW)).toMatch(/more than 90 days apart/)
    expect(requestWindow(NOW, NOW, NOW)).toMatch(/after start_date/)
  })

  test('a service per incident type, each with a definition; none for an unknown code', () => {
    expect(OPEN311_SERVICES.map((s) => s.service_code)).toEqual(INCIDENT_TYPES.map((t) => t.id))
    expect(OPEN311_SERVICES.every((s) => s.metadata && serviceDefinition(s.service_code) !== null)).toBe(true)
    expect(serviceDefinition('potholes')).toBeNull()
  })
})

describe('the intake role', () => {
  test('reaches its township, or the county without one', () => {
    expect(reachOf({ role: 'intake', township: '330329100', grids: [] })).toEqual({ level: 'township', township: '330329100' })
    expect(reachOf({ role: 'intake', township: null, grids: [] })).toEqual({ level: 'county' })
  })

  test('takes a township or none; no grids, no department', () => {
    expect(scopeProblem({ role: 'intake', township: '330329100', grids: [] })).toBeNull()
    expect(scopeProblem({ role: 'intake', township: null, grids: [] })).toBeNull()
    expect(scopeProblem({ role: 'intake', township: '330329100', grids: ['33032910000501'] })).toMatch(/only grid workers have grids/)
    expect(scopeProblem({ role: 'intake', township: null, grids: [], department: 'market' })).toMatch(/only county department accounts/)
    expect(scopeProblem({ role: 'intake', township: '33032910000501', grids: [] })).toMatch(/not a township code/)
  })
})
