// The department role's scope rules (domain/roles.ts): an account needs one known department and no area; no other
// role has a department; its reach holds a record only when the record is its department's.
import { expect, test } from 'vitest'
import { DEPARTMENT_IDS } from '../../domain/departments'
import { homeScope, reachCovers, reachHolds, reachOf, scopeProblem } from '../../domain/roles'

test('a department account needs one of the department ids, and no township or grids', () => {
  expect(scopeProblem({ role: 'department', township: null, grids: [], department: 'market' })).toBeNull()
  for (const id of DEPARTMENT_IDS) expect(scopeProblem({ role: 'department', township: null, grids: [], department: id })).toBeNull()
  expect(scopeProblem({ role: 'department', township: null, grids: [] })).toMatch(/needs its department, one of: enforcement, market/)
  expect(scopeProblem({ role: 'department', township: null, grids: [], department: 'forestry' }))
    .toBe(`department "forestry" is unknown; departments: ${DEPARTMENT_IDS.join(', ')}`)
  expect(scopeProblem({ role: 'department', township: '330329100', grids: [], department: 'market' })).toMatch(/leave the township and grids out/)
  expect(scopeProblem({ role: 'department', township: null, grids: ['33032910000501'], department: 'market' })).toMatch(/leave the township and grids out/)
})

test('no other role has a department', () => {
  expect(scopeProblem({ role: 'leader', township: null, grids: [], department: 'market' })).toMatch(/only county department accounts .* \(role leader\): leave the department out/)
  expect(scopeProblem({ role: 'township', township: '330329100', grids: [], department: null })).toBeNull()
  expect(scopeProblem({ role: 'wall', township: null, grids: [], department: 'water' })).toMatch(/leave the department out/)
})

test('a department reaches its own records only, no scope, and has no home scope', () => {
  const reach = reachOf({ role: 'department', township: null, grids: [], department: 'market' })
  expect(reach).toEqual({ level: 'department', department: 'market' })
  expect(reachHolds(reach, { township: '330329100', department: 'market' })).toBe(true)
  expect(reachHolds(reach, { township: '330329100', department: 'water' })).toBe(false)
  expect(reachHolds(reach, { township: '330329100', department: null })).toBe(false)
  expect(reachHolds(reach, { township: '330329100' })).toBe(false)
  expect(reachCovers(reach, '330329')).toBe(false)
  expect(homeScope(reach)).toBeNull()
})
