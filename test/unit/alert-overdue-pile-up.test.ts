import { expect, test } from 'vitest'
import { gridPileUp, townshipPileUp } from '../../domain/alerts/overdue-pile-up'

test('a grid with 5 or more overdue incidents piles up; 10 is 橙, 15 红', () => {
  expect(gridPileUp(4)).toBeNull()
  expect(gridPileUp(5)).toBe('yellow')
  expect(gridPileUp(10)).toBe('orange')
  expect(gridPileUp(15)).toBe('red')
  expect(gridPileUp(3, { minOverdue: 3 })).toBe('yellow')
})

test('a township late at more than twice the county\'s rate', () => {
  const county = { overdue: 100, open: 1000 } // 10 %
  expect(townshipPileUp({ overdue: 4, open: 20 }, county)).toBeNull() // 20 %: exactly twice, not above
  expect(townshipPileUp({ overdue: 5, open: 20 }, county)).toBe('yellow') // 25 %
  expect(townshipPileUp({ overdue: 7, open: 20 }, county)).toBe('orange') // 35 %
  expect(townshipPileUp({ overdue: 9, open: 20 }, county)).toBe('red') // 45 %
  expect(townshipPileUp({ overdue: 5, open: 9 }, county)).toBeNull() // too few open to say
  expect(townshipPileUp({ overdue: 5, open: 20 }, { overdue: 0, open: 1000 })).toBeNull()
})
