import { describe, expect, it } from 'vitest'
import { buildReference } from '../../domain/reference'

function* labelledObjects(value: unknown, path = '$'): Generator<[string, Record<string, unknown>]> {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) yield* labelledObjects(v, `${path}[${i}]`)
  } else if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>
    if ('name' in obj || 'nameEn' in obj) yield [path, obj]
    for (const [k, v] of Object.entries(obj)) yield* labelledObjects(v, `${path}.${k}`)
  }
}

describe('reference', () => {
  const ref = buildReference()

  it('is plain JSON (what the API serves)', () => {
    expect(JSON.parse(JSON.stringify(ref))).toEqual(ref)
  })

  it('every label has Chinese and English', () => {
    let count = 0
    for (const [path, obj] of labelledObjects(ref)) {
      count++
      expect(typeof obj.name === 'string' && /\p{Script=Han}/u.test(obj.name), `${path}.name`).toBe(true)
      expect(typeof obj.nameEn === 'string' && obj.nameEn.trim().length > 0, `${path}.nameEn`).toBe(true)
    }
    expect(count).toBeGreaterThan(250)
  })

  it('is deterministic', () => {
    expect(buildReference()).toEqual(ref)
  })

  it('carries what legends and filters need', () => {
    expect(ref.departments).toHaveLength(17)
    expect(ref.listItems).toHaveLength(82)
    expect(ref.incident.statuses.map((s) => s.id)).toContain('returned')
    expect(ref.site.grades.map((g) => g.id)).toEqual(['red', 'orange', 'yellow', 'blue'])
  })
})
