// The store filters a scope by the column of its level (domain/regions.ts scopeLevel). A code that is no scope must
// never come out as "no filter", which reads the whole county.
import { expect, it } from 'vitest'
import { scopeColumn } from '../../api/store/scope'

it('maps each level to its column, the county to no filter', () => {
  expect(['330329', '330329100', '330329100005', '33032910000501'].map(scopeColumn)).toEqual([null, 'township', 'village', 'grid'])
})

it('refuses a code that is no scope instead of dropping the filter', () => {
  for (const code of ['3303291', '330328100', '33032910000501x']) expect(() => scopeColumn(code)).toThrow(RangeError)
})
