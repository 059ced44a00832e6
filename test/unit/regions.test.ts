import { describe, expect, it } from 'vitest'
import { COUNTY_CODE, isWithinScope, outsideCountyMessage, parentScopes, scopeChain, scopeLevel } from '../../domain/regions'

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

  it('checks points against the county box and spots swapped coordinates', () => {
    expect(outsideCountyMessage([119.708034, 27.559551])).toBeNull()
    expect(outsideCountyMessage([27.559551, 119.708034])).toMatch(/swapped/)
    expect(outsideCountyMessage([121.2, 27.5])).toMatch(/outside 泰顺县/)
  })
})
