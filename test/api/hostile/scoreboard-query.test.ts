// GET /api/scoreboard with hostile query strings: every one is a 4xx with an error code and a message saying what
// to send (never a 500, never a 200 with rows the caller may not see); a township officer probing for other units
// gets its own row or a 403.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { testApp } from '../../support/app'
import type { TestApp } from '../../support/app'

let t: TestApp
let officer: string
beforeAll(async () => {
  t = await testApp()
  officer = await t.token('township', { township: '330329100' })
})
afterAll(async () => await t.close())

const HOSTILE: [string, number][] = [
  ['by=village', 422], ['by=Township', 422], ['by=township%00', 422], ["by=township'%20OR%201=1--", 422], ['by=%E4%B9%A1%E9%95%87', 422],
  [`by=${'x'.repeat(5000)}`, 422], ['by=__proto__', 422], ['by=constructor', 422],
  ['from=yesterday', 400], ['from=2026-13-01', 400], ['from=2026-02-30', 400], ['from=NaN', 400], ['from=-1', 400], ['from=1e999', 400],
  ['to=2026-01-01T00:00:00Z&from=2026-02-01T00:00:00Z', 400], ['from=2026-01-01&to=2026-01-01', 400], ['from=1900-01-01&to=2026-01-01', 400],
  ['from=%00', 400], ['to=%27%3B%20DROP%20TABLE%20incidents%3B--', 400], ['from=2099-01-01', 400],
]

test('every hostile query is a 4xx naming the problem, and the tables are untouched', async () => {
  const before = await t.count('incidents')
  const wrong: string[] = []
  for (const [q, expected] of HOSTILE) {
    const { status, body } = await t.json(`/api/scoreboard?${q}`)
    if (status !== expected || typeof body?.error?.code !== 'string' || !(body.error.message.length > 10)) {
      wrong.push(`${q.slice(0, 60)}: ${status} ${JSON.stringify(body).slice(0, 200)}`)
    }
  }
  expect(wrong).toEqual([])
  expect(await t.count('incidents')).toBe(before)
})

test('a township officer naming other units or kinds gets its own row or a 403', async () => {
  for (const q of ['by=township&township=330329101', 'by=township&scope=330329', 'by=township&unit=330329101', 'township=330329101']) {
    const { status, body } = await t.json(`/api/scoreboard?${q}`, {}, officer)
    expect(status, q).toBe(200)
    expect(body.rows.map((r: { unit: { code: string } }) => r.unit.code), q).toEqual(['330329100'])
  }
  for (const q of ['by=department', 'by=department&department=market']) {
    const { status, body } = await t.json(`/api/scoreboard?${q}`, {}, officer)
    expect(status, q).toBe(403)
    expect(body.error.message, q).toContain('by=township')
  }
})
