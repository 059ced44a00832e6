import { describe, expect, it } from 'vitest'
import { COUNTY_CODE, ancestorAt, isScopeCode, isWithinScope, outsideCountyMessage, parentOf, parentScopes, scopeChain, scopeLevel, townshipOf } from '../../domain/regions'

describe('scopes', () => {
  it.each([
    ['330329', 'county'],
    ['330329100', 'township'],
    ['330329100005', 'village'],
    ['33032910000501', 'grid'],
  ] as const)('%s is a %s', (code, level) => {
    expect(scopeLevel(code)).toBe(level)
  })

  it.each(['330328', '330328100', '3303291000', '33032910000', '3303291000050', '330329100005011', '', '330329abc', ' 330329'])(
    '%j is not a scope of the county',
    (code) => {
      expect(scopeLevel(code)).toBeNull()
    },
  )

  it('gives the ancestors county first, and the chain including the scope', () => {
    expect(parentScopes(COUNTY_CODE)).toEqual([])
    expect(parentScopes('330329100005')).toEqual(['330329', '330329100'])
    expect(scopeChain('33032910000501')).toEqual(['330329', '330329100', '330329100005', '33032910000501'])
  })

  it('throws a helpful error on a non-scope', () => {
    expect(() => parentScopes('330328100')).toThrow(/not a scope of 泰顺县/)
  })

  it('tests containment', () => {
    expect(isWithinScope('330329100005', '330329100')).toBe(true)
    expect(isWithinScope('330329100005', '330329101')).toBe(false)
    expect(isWithinScope('330329100', '330329')).toBe(true)
    expect(isWithinScope('330329', '330329100')).toBe(false)
  })

  it('gives the parent one level up, none above the county', () => {
    expect(['33032910000501', '330329100005', '330329100', '330329'].map(parentOf)).toEqual(['330329100005', '330329100', '330329', null])
    expect(parentOf('330328100')).toBeNull()
  })

  it('gives the scope at a level that holds a scope, none above that level', () => {
    expect(ancestorAt('33032910000501', 'village')).toBe('330329100005')
    expect(ancestorAt('330329100005', 'village')).toBe('330329100005')
    expect(ancestorAt('330329100', 'village')).toBeNull()
    expect(['33032910000501', '330329100005', '330329100', '330329', '3303291000'].map(townshipOf))
      .toEqual(['330329100', '330329100', '330329100', null, null])
  })

  it('tells a scope code from anything else', () => {
    expect(['330329', '330329100', '330329100005', '33032910000501'].every(isScopeCode)).toBe(true)
    expect([null, 330329, '330328', '3303291000', ''].some(isScopeCode)).toBe(false)
  })

  it('checks points against the county box and spots swapped coordinates', () => {
    expect(outsideCountyMessage([119.708034, 27.559551])).toBeNull()
    expect(outsideCountyMessage([27.559551, 119.708034])).toMatch(/swapped/)
    expect(outsideCountyMessage([121.2, 27.5])).toMatch(/outside 泰顺县/)
  })
})
