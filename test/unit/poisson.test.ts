import { expect, test } from 'vitest'
import { logGamma, poissonUpperTail } from '../../domain/alerts/poisson'

test('ln Γ against factorials', () => {
  for (const [n, fact] of [[1, 1], [2, 1], [5, 24], [11, 3628800]] as const) expect(logGamma(n)).toBeCloseTo(Math.log(fact), 10)
  expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 10)
})

test('tails computed by hand', () => {
  // P(X ≥ 1 | 1) = 1 − e^-1
  expect(poissonUpperTail(1, 1)).toBeCloseTo(1 - Math.exp(-1), 12)
  // P(X ≥ 3 | 0.5) = 1 − e^-0.5 (1 + 0.5 + 0.125)
  expect(poissonUpperTail(3, 0.5)).toBeCloseTo(1 - Math.exp(-0.5) * 1.625, 12)
  // 10 reports where 1 was expected: ≈ 1.114e-7 (Σ_{i≥10} e^-1 / i!)
  expect(poissonUpperTail(10, 1)).toBeCloseTo(1.1142547e-7, 13)
  expect(poissonUpperTail(0, 3)).toBe(1)
  expect(poissonUpperTail(1, 0)).toBe(0)
})

test('a tiny tail keeps its digits, and the tail falls as k grows', () => {
  const p = poissonUpperTail(40, 2)
  expect(p).toBeGreaterThan(0)
  expect(p).toBeLessThan(1e-30)
  let last = 1
  for (let k = 0; k < 60; k++) {
    const t = poissonUpperTail(k, 12.5)
    expect(t).toBeLessThanOrEqual(last)
    last = t
  }
})
