import { describe, expect, it } from 'vitest'
import { assigneeLabel, assigneeProblem, defaultAssignee, sameAssignee, storedAssignee } from '../../domain/assignee'

const LUOYANG = '330329100'
const onList = { township: LUOYANG, onList: true, department: 'enforcement' }
const offList = { township: LUOYANG, onList: false, department: 'market' }

describe('assignee', () => {
  it('交办 defaults to the type\'s routing: an off-list type to its department, an on-list one to the township', () => {
    expect(defaultAssignee(offList)).toEqual({ kind: 'department', code: 'market' })
    expect(defaultAssignee(onList)).toEqual({ kind: 'township', code: LUOYANG })
  })

  it('a township assignee is the incident\'s own; a grid one of its grids; a department one of the county\'s', () => {
    expect(assigneeProblem({ kind: 'township', code: LUOYANG }, onList)).toBeNull()
    expect(assigneeProblem({ kind: 'township', code: '330329101' }, onList)).toMatch(/not the incident's township.*330329100/)
    expect(assigneeProblem({ kind: 'grid', code: '33032910000501' }, onList)).toBeNull()
    expect(assigneeProblem({ kind: 'grid', code: '33032910120001' }, onList)).toMatch(/not a grid of the incident's township/)
    expect(assigneeProblem({ kind: 'grid', code: '330329100005' }, onList)).toMatch(/not a grid code/)
    expect(assigneeProblem({ kind: 'department', code: 'market' }, onList)).toBeNull()
    expect(assigneeProblem({ kind: 'department', code: 'nasa' as never }, onList)).toMatch(/not a department/)
  })

  it('reads the stored pair back, and compares assignees', () => {
    expect(storedAssignee(null, null)).toBeNull()
    expect(storedAssignee('grid', '33032910000501')).toEqual({ kind: 'grid', code: '33032910000501' })
    expect(storedAssignee('planet', 'x')).toBeNull()
    expect(sameAssignee({ kind: 'township', code: LUOYANG }, { kind: 'township', code: LUOYANG })).toBe(true)
    expect(sameAssignee({ kind: 'township', code: LUOYANG }, { kind: 'grid', code: LUOYANG })).toBe(false)
    expect(sameAssignee(null, { kind: 'township', code: LUOYANG })).toBe(false)
  })

  it('labels a department by its name, a region by the name given for its code or by the code', () => {
    expect(assigneeLabel({ kind: 'department', code: 'market' }).name).toBe('县市场监督管理局')
    expect(assigneeLabel({ kind: 'township', code: LUOYANG }, () => '罗阳镇')).toEqual({ name: '罗阳镇', nameEn: '罗阳镇 township' })
    expect(assigneeLabel({ kind: 'grid', code: '33032910000501' })).toEqual({ name: '网格 33032910000501', nameEn: 'Grid 33032910000501' })
  })
})
