// The served document passes Redocly's recommended rules with no error and no warning. Redocly runs from
// node_modules with telemetry and update checks off, on a file written here: nothing is fetched (the CI has no
// network), and the document linted is the one /api/openapi.json serves.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { testApp } from '../support/app'
import type { TestApp } from '../support/app'

const REDOCLY = join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'redocly')
let t: TestApp
let dir: string

beforeAll(async () => {
  t = await testApp()
  dir = mkdtempSync(join(tmpdir(), 'onemap-openapi-'))
})
afterAll(async () => {
  await t.close()
  rmSync(dir, { recursive: true, force: true })
})

interface Problem { ruleId: string; severity: string; message: string; location: { pointer?: string }[] }

test('redocly lint (recommended rules) reports 0 errors and 0 warnings on /api/openapi.json', async () => {
  const { status, body } = await t.json('/api/openapi.json', {}, null)
  expect(status).toBe(200)
  const file = join(dir, 'openapi.json')
  writeFileSync(file, JSON.stringify(body))
  // lint exits 1 when it finds errors; the JSON report on stdout is what this test reads either way.
  const run = await promisify(execFile)(REDOCLY, ['lint', file, '--format=json', '--extends=recommended'], {
    cwd: dir, env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' }, maxBuffer: 16 * 1024 * 1024,
  }).catch((err: { stdout: string }) => err)
  const report = JSON.parse(run.stdout) as { totals: { errors: number; warnings: number }; problems: Problem[] }
  const problems = report.problems.map((p) => `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer ?? '?'}: ${p.message}`)
  expect(problems).toEqual([])
  expect(report.totals).toMatchObject({ errors: 0, warnings: 0 })
}, 60_000)
