import { describe, expect, it } from 'vitest'
import { CATEGORIES, CATEGORY_IDS, INCIDENT_TYPES, INCIDENT_TYPE_IDS, getIncidentType, routeIncidentType } from '../../domain/catalogue'
import { DEPARTMENT_IDS } from '../../domain/departments'
import { getListItem } from '../../domain/list-items'
import { MODULE_IDS } from '../../domain/modules'

describe('incident type catalogue', () => {
  it('has at least 60 types with unique ids and names', () => {
    expect(INCIDENT_TYPES.length).toBeGreaterThanOrEqual(60)
    expect(new Set(INCIDENT_TYPES.map((t) => t.id)).size).toBe(INCIDENT_TYPES.length)
    expect(new Set(INCIDENT_TYPES.map((t) => t.name)).size).toBe(INCIDENT_TYPES.length)
    expect(INCIDENT_TYPE_IDS).toEqual(INCIDENT_TYPES.map((t) => t.id))
  })

  it('ids are slugs', () => {
    for (const t of INCIDENT_TYPES) expect(t.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  })

  it('every on-list type names a real list item and takes its lead department and module', () => {
    for (const t of INCIDENT_TYPES.filter((x) => x.onList)) {
      const item = t.listItem === null ? undefined : getListItem(t.listItem)
      expect(item, t.id).toBeDefined()
      expect(t.department, t.id).toBe(item?.department)
      expect(t.module, t.id).toBe(item?.module)
    }
  })

  it('onList is true exactly when a list item is named', () => {
    for (const t of INCIDENT_TYPES) expect(t.onList, t.id).toBe(t.listItem !== null)
  })

  it('off-list (清单外) types are 10–15 % of the catalogue and still name a department to return them to', () => {
    const off = INCIDENT_TYPES.filter((t) => !t.onList)
    const share = off.length / INCIDENT_TYPES.length
    expect(share).toBeGreaterThanOrEqual(0.1)
    expect(share).toBeLessThanOrEqual(0.15)
    for (const t of off) expect(DEPARTMENT_IDS).toContain(t.department)
  })

  it('every type has a known category and module, and every category is used', () => {
    for (const t of INCIDENT_TYPES) {
      expect(CATEGORY_IDS).toContain(t.category)
      expect(MODULE_IDS).toContain(t.module)
    }
    expect(new Set(INCIDENT_TYPES.map((t) => t.category)).size).toBe(CATEGORIES.length)
  })

  it('routes a type to module, department and list item', () => {
    expect(routeIncidentType('illegal-building')).toEqual({ module: 'enforcement', department: 'enforcement', onList: true, listItem: 'L01' })
    expect(routeIncidentType('penalty-evidence')).toEqual({ module: 'enforcement', department: 'enforcement', onList: false, listItem: null })
    expect(routeIncidentType('no-such-type')).toBeNull()
    expect(getIncidentType('food-safety')?.department).toBe('market')
  })
})
