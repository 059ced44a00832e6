import { expect, test } from 'vitest'
import { countyOf } from '../../domain/regions'

test('the county of a region code is its first 6 digits, at every level and in any county', () => {
  expect(countyOf('330329')).toBe('330329')
  expect(countyOf('330329100')).toBe('330329')
  expect(countyOf('330329100201')).toBe('330329')
  expect(countyOf('33032910020101')).toBe('330329')
  // Not only this county's: a city's other counties share the rule.
  expect(countyOf('330328104')).toBe('330328')
})

test('anything that is not a region code is refused, never cut to 6 characters', () => {
  for (const bad of ['', '33032', '3303291', '33032910', 'abcdef', '330329100x', ' 330329', '3303291002010101']) {
    expect(() => countyOf(bad), bad).toThrow(RangeError)
  }
})
