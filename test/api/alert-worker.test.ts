// The full alert evaluation in its worker thread, on both engines: over a seeded county the thread finds exactly
// what the API's own thread finds, the schedule raises those alerts from it; a thread that dies fails its evaluation
// and the next one starts a new thread; close() leaves no thread behind; one that cannot open the store says so.
import { isMainThread, threadId } from 'node:worker_threads'
import type { Worker } from 'node:worker_threads'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { seedStore } from '../../api/seed/seed-store'
import { alertPlaces } from '../../api/services/alerts/alert-record'
import type { EvaluationReport } from '../../api/services/alerts/evaluate'
import { FindingsThreadError, startFindingsThread } from '../../api/services/alerts/findings-thread'
import type { FindingsThread } from '../../api/services/alerts/findings-thread'
import type { FindingsAnswer, FindingsRequest } from '../../api/services/alerts/rule-findings'
import { WIRED_RULES, computeFindings } from '../../api/services/alerts/rule-findings'
import { rulePlaces } from '../../api/services/alerts/rule-places'
import { startAlertSchedule } from '../../api/services/alerts/schedule'
import { loadRegions } from '../../api/services/regions'
import { testApp } from '../support/app'
import type { TestApp } from '../support/app'

const NOW = Date.parse('2026-11-27T02:00:00Z')
const DAY = 86_400_000

let t: TestApp
let offThread: { thread: FindingsThread; close: () => Promise<void> }
let request: FindingsRequest
beforeAll(async () => {
  t = await testApp(NOW)
  await seedStore(t.store, { preset: 'demo', now: NOW, incidents: 3000 })
  offThread = t.services.alerts.offThread()!
  const params = await t.services.alerts.rules.current()
  request = { now: NOW, rules: WIRED_RULES.map((id) => ({ id, params: params.get(id)!.values })) }
})
afterAll(async () => {
  await offThread?.close()
  await t.close()
})

const withoutTimes = (answer: FindingsAnswer) => answer.map(({ rule, findings }) => ({ rule, findings }))

test('the worker thread finds what this thread finds; the schedule raises those alerts from it', async () => {
  const regions = loadRegions()
  const here = await computeFindings(t.store, rulePlaces(regions, alertPlaces(regions)), request)
  const there = await offThread.thread.findings(request)
  expect(withoutTimes(there)).toEqual(withoutTimes(here))
  // The seeded county has something for most rules to find (its planted anomalies), so the comparison says something.
  expect(here.filter((r) => r.findings.length > 0).length).toBeGreaterThanOrEqual(3)
  expect(isMainThread).toBe(true)
  expect(offThread.thread.worker!.threadId).not.toBe(threadId)

  const reports: EvaluationReport[] = []
  const stop = startAlertSchedule({ evaluator: t.services.alerts.evaluator, bus: t.bus, now: () => t.clock.now, everyMs: DAY, onReport: (r) => reports.push(r) })
  try {
    for (let waited = 0; reports.length === 0 && waited < 60_000; waited += 50) await new Promise((r) => setTimeout(r, 50))
  } finally {
    stop()
  }
  const [report] = reports
  expect(report!.mode).toBe('full')
  for (const { rule, findings } of here) {
    expect(report!.rules[rule]!.findings, rule).toBe(findings.length)
    const open = await t.store.sql.get<{ n: number }>("SELECT count(*) AS n FROM alerts WHERE rule = ? AND status = 'new'", [rule])
    expect(Number(open!.n), rule).toBe(findings.length)
  }
  expect(offThread.thread.starts).toBe(1)
})

test('a thread that dies fails its evaluation; the next evaluation starts a new thread', async () => {
  const first = offThread.thread.worker!
  const dying = offThread.thread.findings(request)
  await first.terminate()
  await expect(dying).rejects.toBeInstanceOf(FindingsThreadError)
  expect(offThread.thread.worker).toBeNull()

  const report = await t.services.alerts.evaluator.full(NOW)
  expect(Object.keys(report.rules)).toEqual(WIRED_RULES)
  expect(offThread.thread.starts).toBe(2)
  expect(offThread.thread.worker!.threadId).not.toBe(first.threadId)
})

test('close() ends the thread; evaluations then run in this thread again', async () => {
  const last: Worker = offThread.thread.worker!
  const exited = new Promise<number>((resolve) => last.once('exit', resolve))
  await offThread.close()
  await exited
  expect(offThread.thread.worker).toBeNull()
  // A Worker's threadId is -1 once its thread has stopped.
  expect(last.threadId).toBe(-1)
  await expect(offThread.thread.findings(request)).rejects.toBeInstanceOf(FindingsThreadError)
  const report = await t.services.alerts.evaluator.full(NOW)
  expect(Object.keys(report.rules)).toEqual(WIRED_RULES)
  expect(offThread.thread.starts).toBe(2)
})

test('a thread that cannot open the store fails its request saying why, and ends', async () => {
  const regions = loadRegions()
  const troubles: string[] = []
  const thread = startFindingsThread({ location: '/nonexistent/onemap-alerts.db', places: rulePlaces(regions, alertPlaces(regions)), onTrouble: (m) => troubles.push(m) })
  try {
    await expect(thread.findings(request)).rejects.toThrow(/could not open the store/)
    expect(troubles.join('\n')).toMatch(/could not open the store/)
  } finally {
    await thread.close()
  }
  expect(thread.worker).toBeNull()
})
