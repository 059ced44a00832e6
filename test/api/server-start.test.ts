// What api/server.ts says at start about the working-day calendar: when the current year, or the next one from
// December on, has no State Council holiday notice in domain/working-days.ts, one warning line that limits in
// working days count weekends only there, and /api/health carries the same text. The server reads the real
// clock, so the expected text is calendarWarning of the real clock too: in December 2026 it names 2027; in a year
// the calendar covers, with December not near, there is no such line.
import { afterAll, beforeAll, expect, test, vi } from 'vitest'
import { calendarWarning } from '../../domain/working-days'
import { startServer } from '../support/server'
import type { RunningServer } from '../support/server'

let server: RunningServer
beforeAll(async () => { server = await startServer({ PRESET: 'demo' }) })
afterAll(() => server?.stop())

test('the start-up output and /api/health warn, once, when the holiday calendar lacks the year', async () => {
  const expected = calendarWarning(Date.now())
  const health = await (await fetch(`${server.url}/api/health`)).json() as { calendarWarning: string | null }
  expect(health.calendarWarning).toBe(expected)
  if (expected === null) {
    expect(server.output()).not.toMatch(/holiday notice/)
    return
  }
  // The line goes to stderr just after "serving at" on stdout: it may arrive a moment later.
  await vi.waitFor(() => expect(server.output()).toContain(`⚠ ${expected}`), { timeout: 5_000 })
  expect(server.output().split('\n').filter((line) => line.includes('holiday notice'))).toHaveLength(1)
})
