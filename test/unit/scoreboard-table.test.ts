// The 考核 table as data (web/src/panels/scoreboard-table.ts): how a header click sorts, where units without a figure
// go, and which figures are marked among the best or worst three.
import { describe, expect, it } from 'vitest'
import { ariaSort, compareByKeys, nextSort, rankRows, sortRows, standings } from '../../web/src/panels/scoreboard-table'

const row = (code: string, name: string, values: Record<string, number | null>) => ({ code, name, values })
const rows = [
  row('330329102', '南浦溪镇', { onTimeRate: 0.8, overdueCount: 3 }),
  row('330329100', '罗阳镇', { onTimeRate: null, overdueCount: 0 }),
  row('330329101', '司前畲族镇', { onTimeRate: 0.95, overdueCount: 7 }),
  row('330329103', '百丈镇', { onTimeRate: 0.8, overdueCount: 0 }),
]
const codes = (list: { code: string }[]) => list.map((r) => r.code)

describe('sorting the 考核 table', () => {
  it('a first click on a metric puts the best first; a second reverses', () => {
    const up = nextSort(null, 'onTimeRate', true)
    expect(up).toEqual({ key: 'onTimeRate', direction: 'descending' })
    expect(nextSort(up, 'onTimeRate', true)).toEqual({ key: 'onTimeRate', direction: 'ascending' })
    // Fewer is better: the first click sorts up.
    expect(nextSort(up, 'overdueCount', false)).toEqual({ key: 'overdueCount', direction: 'ascending' })
    expect(nextSort(null, 'unit', null)).toEqual({ key: 'unit', direction: 'ascending' })
  })

  it('orders by value, equal values by code, and a unit without a figure last either way', () => {
    expect(codes(sortRows(rows, { key: 'onTimeRate', direction: 'descending' }, 'zh-CN'))).toEqual(['330329101', '330329102', '330329103', '330329100'])
    expect(codes(sortRows(rows, { key: 'onTimeRate', direction: 'ascending' }, 'zh-CN'))).toEqual(['330329102', '330329103', '330329101', '330329100'])
    expect(codes(sortRows(rows, { key: 'overdueCount', direction: 'ascending' }, 'zh-CN'))).toEqual(['330329100', '330329103', '330329102', '330329101'])
  })

  it('no sort keeps the order given; the name column sorts by the language\'s collation', () => {
    expect(codes(sortRows(rows, null, 'zh-CN'))).toEqual(codes(rows))
    // Pinyin order: bǎi, luó, nán, sī.
    expect(sortRows(rows, { key: 'unit', direction: 'ascending' }, 'zh-CN').map((r) => r.name)).toEqual(['百丈镇', '罗阳镇', '南浦溪镇', '司前畲族镇'])
    expect(sortRows(rows, { key: 'unit', direction: 'descending' }, 'zh-CN').map((r) => r.name)[0]).toBe('司前畲族镇')
  })

  it('does not change the rows it is given', () => {
    const before = codes(rows)
    sortRows(rows, { key: 'overdueCount', direction: 'descending' }, 'zh-CN')
    expect(codes(rows)).toEqual(before)
  })

  it('aria-sort names the sorted column only', () => {
    const s = { key: 'overdueCount', direction: 'ascending' } as const
    expect(ariaSort(s, 'overdueCount')).toBe('ascending')
    expect(ariaSort(s, 'onTimeRate')).toBe('none')
    expect(ariaSort(null, 'unit')).toBe('none')
  })
})

describe('the best and worst three of a column', () => {
  it('marks three at each end, by which way is better', () => {
    const v = [0.9, 0.5, 0.7, 0.95, 0.6, 0.8, 0.4, 0.85]
    expect(standings(v, true)).toEqual(['top', 'bottom', null, 'top', 'bottom', null, 'bottom', 'top'])
    expect(standings(v, false)).toEqual(['bottom', 'top', null, 'bottom', 'top', null, 'top', 'bottom'])
  })

  it('a tie that would make more than three the best marks none of them; nulls take no part', () => {
    // Five units with no overdue case are not "the best three"; the three with most are the worst.
    const v = [0, 0, 0, 0, 0, 2, 5, 9, null]
    expect(standings(v, false)).toEqual([null, null, null, null, null, 'bottom', 'bottom', 'bottom', null])
  })

  it('with three figures or fewer there is no top or bottom; a value that would be both is left plain', () => {
    expect(standings([0.5, 0.9, null, 0.7], true)).toEqual([null, null, null, null])
    expect(standings([1, 2, 3, 4], true)).toEqual(['bottom', null, null, 'top'])
    expect(standings([1, 2, 3, 4], null)).toEqual([null, null, null, null])
  })

})

describe('the wall page\'s league table', () => {
  const keys = [{ id: 'onTimeRate', higherIsBetter: true }, { id: 'overdueCount', higherIsBetter: false }]
  const unit = (code: string, onTimeRate: number | null, overdueCount: number | null) => row(code, code, { onTimeRate, overdueCount })

  it('ranks by the headline, breaks its ties by the next key, shares a place only when level on all', () => {
    const table = rankRows([
      unit('a', 0.9, 3), unit('b', 1, 5), unit('c', 0.9, 1), unit('d', 0.9, 3), unit('e', null, 0), unit('f', 0.5, 0),
    ], keys)
    expect(table.map((r) => [r.row.code, r.rank])).toEqual([['b', 1], ['c', 2], ['a', 3], ['d', 3], ['f', 5], ['e', null]])
  })

  it('bands the best and worst three ranked units; a tie across the edge bands none of it; the unranked never', () => {
    const rows = [unit('a', 1, 0), unit('b', 0.9, 0), unit('c', 0.8, 0), unit('d', 0.7, 0), unit('e', 0.6, 0), unit('f', 0.5, 0), unit('g', 0.4, 0), unit('h', null, 9)]
    expect(rankRows(rows, keys).map((r) => r.band)).toEqual(['top', 'top', 'top', null, 'bottom', 'bottom', 'bottom', null])
    // b and c level: four would share the top three, so neither is banded; a still is.
    const tied = rankRows([unit('a', 1, 0), unit('b', 0.9, 0), unit('c', 0.9, 0), unit('d', 0.9, 0), unit('e', 0.5, 0), unit('f', 0.4, 0), unit('g', 0.3, 0)], keys)
    expect(tied.map((r) => r.band)).toEqual(['top', null, null, null, 'bottom', 'bottom', 'bottom'])
  })

  it('a unit without a figure for a key comes after those with one, on that key', () => {
    const cmp = compareByKeys(keys)
    expect(cmp(unit('a', 0.9, null), unit('b', 0.9, 4))).toBeGreaterThan(0)
    expect(cmp(unit('a', null, 0), unit('b', 0.1, 9))).toBeGreaterThan(0)
    expect(cmp(unit('a', 0.9, 4), unit('b', 0.9, 4))).toBe(0)
  })
})
