// The rules a merge is judged by (domain/case-merge.ts), pure: one live case per incident first (it says which case
// to undo), then one category, then one township; grids and villages inside a township may differ.
import { expect, test } from 'vitest'
import { mayMergeCases, mergeRefusal } from '../../domain/case-merge'
import type { MergeCandidate } from '../../domain/case-merge'

const report = (id: number, over: Partial<MergeCandidate> = {}): MergeCandidate =>
  ({ id, category: 'enforcement', township: '330329100', caseId: null, ...over })

test('reports of one category in one township merge', () => {
  expect(mergeRefusal(report(1), [report(2), report(3)])).toBeNull()
})

test('one already in a live case: 409 naming it and its case', () => {
  expect(mergeRefusal(report(1), [report(2, { caseId: 7 })])).toEqual({ status: 409, code: 'already_merged', message: expect.stringMatching(/#2 is already in case 7/) })
  expect(mergeRefusal(report(1, { caseId: 8 }), [report(2)])?.code).toBe('already_merged')
})

test('another category or township: 422 naming the members to leave out', () => {
  expect(mergeRefusal(report(1), [report(2, { category: 'environment' })])).toMatchObject({ status: 422, code: 'mixed_categories', message: expect.stringMatching(/#2 is environment/) })
  expect(mergeRefusal(report(1), [report(2), report(3, { township: '330329101' })])).toMatchObject({ status: 422, code: 'mixed_townships', message: expect.stringMatching(/#3 lie in another township/) })
})

test('who may merge: leaders and township officers', () => {
  expect(['leader', 'township', 'grid', 'department', 'wall', 'admin', 'intake'].filter((r) => mayMergeCases(r as never))).toEqual(['leader', 'township'])
  expect(mayMergeCases(undefined)).toBe(false)
})
