import { describe, expect, it } from 'vitest'
import { ARTICLE_FIGURES } from '../../domain/article-figures'
import { DEPARTMENTS, DEPARTMENT_IDS, STATIONED_DOMAINS } from '../../domain/departments'
import { GRID_SERVICE_ITEMS, LIST_ITEMS, STRUCK_OUT_ITEMS, getListItem } from '../../domain/list-items'
import { MODULES, MODULE_IDS } from '../../domain/modules'

describe('departments and modules', () => {
  it('has 17 departments with unique ids and bilingual names', () => {
    expect(DEPARTMENTS).toHaveLength(17)
    expect(new Set(DEPARTMENTS.map((d) => d.id)).size).toBe(17)
    expect(new Set(DEPARTMENTS.map((d) => d.name)).size).toBe(17)
  })

  it('includes the four departments the article names', () => {
    expect(DEPARTMENTS.map((d) => d.shortName)).toEqual(expect.arrayContaining(['市场监管', '综合执法', '应急管理', '卫生健康']))
  })

  it('maps the five stationed domains to departments', () => {
    expect(STATIONED_DOMAINS.map((s) => s.name)).toEqual(['司法', '自然资源和规划', '市场监管', '住建', '综合行政执法'])
    for (const s of STATIONED_DOMAINS) expect(DEPARTMENT_IDS).toContain(s.department)
  })

  it('is "1+3+N"', () => {
    const groups = MODULES.map((m) => `${m.id}:${m.group}`)
    expect(groups).toEqual(['party:1', 'management:3', 'safety:3', 'service:3', 'enforcement:N', 'taskforce:N'])
  })
})

describe('the 属地管理 list', () => {
  it('has exactly 82 items, L01…L82 in order', () => {
    expect(LIST_ITEMS).toHaveLength(ARTICLE_FIGURES.lists.listItems)
    expect(LIST_ITEMS.map((i) => i.id)).toEqual(Array.from({ length: 82 }, (_, k) => `L${String(k + 1).padStart(2, '0')}`))
  })

  it('has unique names', () => {
    expect(new Set(LIST_ITEMS.map((i) => i.name)).size).toBe(82)
    expect(new Set(LIST_ITEMS.map((i) => i.nameEn)).size).toBe(82)
  })

  it('every one of the 17 departments leads at least one item, and only they do', () => {
    const leads = new Set(LIST_ITEMS.map((i) => i.department))
    expect([...leads].sort()).toEqual([...DEPARTMENT_IDS].sort())
  })

  it('every item sits in a known module', () => {
    for (const item of LIST_ITEMS) expect(MODULE_IDS).toContain(item.module)
  })

  it('looks items up by id', () => {
    expect(getListItem('L32')?.name).toBe('森林防火巡查')
    expect(getListItem('L83')).toBeUndefined()
  })

  it('carries the article\'s other list figures', () => {
    expect(STRUCK_OUT_ITEMS).toBe(81)
    expect(GRID_SERVICE_ITEMS).toBe(260)
  })
})
