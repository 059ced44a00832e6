// The drawer's call-back (回访) words (web/src/shell/callback-steps.ts): the drawn task and its answer as timeline
// steps in both languages, lateness said, the one task the caller may answer, and what the form needs first.
import { describe, expect, test } from 'vitest'
import { callbackMessages } from '../../web/src/i18n/callback'
import { en } from '../../web/src/i18n/en'
import { zhCN } from '../../web/src/i18n/zh-CN'
import type { CallbackTaskView } from '../../web/src/shell/callback-steps'
import { callbackProblem, callbackSteps, openTask } from '../../web/src/shell/callback-steps'

const awaited: CallbackTaskView = {
  id: 7, owner: 'township', status: 'awaited', late: false, createdAt: '2026-12-02T07:00:00Z', dueBy: '2026-12-09T16:00:00Z',
  result: null, note: null, doneAt: null, by: null, canRecord: true,
}
const answered: CallbackTaskView = {
  ...awaited, id: 6, status: 'done', result: 'dissatisfied', note: '路面仍有占道', doneAt: '2026-12-03T02:00:00Z',
  by: { name: '李四', role: 'township' }, canRecord: false,
}

describe('callbackSteps', () => {
  test('a drawn task says who calls and by when; an answer says the result, who and the note', () => {
    const steps = callbackSteps([answered], 'zh-CN', zhCN, callbackMessages('zh-CN'))
    expect(steps).toHaveLength(2)
    expect(steps[0]).toMatchObject({ at: answered.createdAt, text: '抽中回访' })
    expect(steps[0]!.detail).toMatch(/^乡镇回访 · 应于 .* 前回访$/)
    expect(steps[1]).toMatchObject({ at: answered.doneAt, text: '回访 · 不满意', note: '路面仍有占道' })
    expect(steps[1]!.by).toMatch(/李四/)
  })

  test('in English, and a late awaited task says so', () => {
    const steps = callbackSteps([{ ...awaited, status: 'late', late: true }], 'en', en, callbackMessages('en'))
    expect(steps).toHaveLength(1)
    expect(steps[0]!.text).toBe('Drawn for a call-back')
    expect(steps[0]!.detail).toMatch(/^Called by the township · due by .* · late$/)
  })
})

test('the open task is the awaited one the caller may record', () => {
  expect(openTask([answered, awaited])?.id).toBe(7)
  expect(openTask([answered, { ...awaited, canRecord: false }])).toBeNull()
})

test('the form needs a result, and a note for 不满意', () => {
  expect(callbackProblem('', '')).toBe('result')
  expect(callbackProblem('happy', '')).toBe('result')
  expect(callbackProblem('dissatisfied', '  ')).toBe('note')
  expect(callbackProblem('dissatisfied', '仍未解决')).toBeNull()
  expect(callbackProblem('satisfied', '')).toBeNull()
})
