// The list routes' exports (format=csv|xlsx) with hostile query strings: every one is a 4xx with an error code and
// a message saying what to send (never a 500, never a file), and no export is audited for a refusal.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { testApp } from '../../support/app'
import type { TestApp } from '../../support/app'
import { EXPORT_LIST_PATHS } from './endpoints'

let t: TestApp
let admin: string
beforeAll(async () => {
  t = await testApp()
  admin = await t.adminSession('export-hostile', 'export-hostile-password-1')
})
afterAll(async () => await t.close())

const HOSTILE: [string, number][] = [
  ['format=pdf', 400], ['format=CSV', 400], ['format=csv%00', 400], ['format=xlsx,csv', 400], ['format=__proto__', 400],
  [`format=${'x'.repeat(5000)}`, 400], ["format=csv'%20OR%201=1--", 400], ['format=%E8%A1%A8%E6%A0%BC', 400],
  ['format=csv&lang=fr', 400], ['format=xlsx&lang=ZH', 400], ['format=csv&lang=%00', 400], ['format=csv&lang=constructor', 400],
  ['format=csv&from=yesterday', 400], ['format=xlsx&to=2026-01-01&from=2026-02-01', 400], ['format=csv&from=1e999', 400],
]

test('every hostile export query on every list is a 4xx naming the problem; nothing audited', async () => {
  const before = await t.count('audit_log')
  const wrong: string[] = []
  for (const path of EXPORT_LIST_PATHS) {
    const as = path === '/api/audit' ? { headers: { Cookie: admin } } : {}
    // Sites have no time range (their list takes no from/to).
    for (const [q, expected] of HOSTILE.filter(([q]) => path !== '/api/sites' || !/from=|to=/.test(q))) {
      const { status, body } = await t.json(`${path}?${q}`, as, path === '/api/audit' ? null : t.leader)
      if (status !== expected || typeof body?.error?.code !== 'string' || !(body.error.message.length > 10)) {
        wrong.push(`${path}?${q.slice(0, 60)}: ${status} ${JSON.stringify(body).slice(0, 200)}`)
      }
    }
  }
  expect(wrong).toEqual([])
  expect(await t.count('audit_log')).toBe(before)
})
