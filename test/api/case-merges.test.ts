// 合并为一件事 (POST /api/incident-merges) and 撤销合并 (POST /api/incident-merges/{id}/undo): repeated reports
// linked into one case under a primary, and unlinked; every refusal stores nothing; the history of every incident of
// the case says who and when; the metric `cases` counts a case once, held to a recomputation from plain SELECTs;
// the repeat-place rule stops raising a merged matter. Every record here is the test's own (fixtures at T0 − days).
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { repeatPlaceFindings } from '../../api/services/alerts/repeat-place-findings'
import { REPEAT_PLACE_RULE } from '../../domain/alerts/repeat-place'
import { defaultParams } from '../../domain/alerts/rule'
import { CASE_SIZE_MAX } from '../../domain/case-merge'
import { T0, testApp } from '../support/app'
import type { TestApp } from '../support/app'
import { GRIDS, insertIncident } from '../support/fixtures'
import { rejecter } from '../support/rejected'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const LUOYANG = '330329100'
/** The period every figure here is asked for: the fixtures all lie in it; it ends now, so the figures are as of now. */
const FROM = T0 - 20 * DAY
const period = () => `from=${new Date(FROM).toISOString()}&to=${new Date(t.clock.now + 1).toISOString()}`

let t: TestApp
let officer: string
/** Three reports of one matter (占道经营, one point) in three grids of two villages of 罗阳镇. */
let repeat: number[]
let otherCategory: number
let otherTownship: number
let spare: number[]
beforeAll(async () => {
  t = await testApp()
  officer = await t.token('township', { township: LUOYANG })
  repeat = [
    await insertIncident(t.store, { reportedAt: T0 - 5 * DAY }),
    await insertIncident(t.store, { reportedAt: T0 - 4 * DAY, grid: GRIDS.luoyangB, status: 'accepted' }),
    await insertIncident(t.store, { reportedAt: T0 - 3 * DAY, grid: GRIDS.luoyangOtherVillage }),
  ]
  otherCategory = await insertIncident(t.store, { reportedAt: T0 - 3 * DAY, type: 'food-safety' })
  otherTownship = await insertIncident(t.store, { reportedAt: T0 - 3 * DAY, grid: GRIDS.siqian })
  spare = [
    await insertIncident(t.store, { reportedAt: T0 - 15 * DAY, grid: GRIDS.siqian }),
    await insertIncident(t.store, { reportedAt: T0 - 14 * DAY, grid: GRIDS.siqian }),
  ]
})
afterAll(async () => await t.close())
const rejected = rejecter(() => t)
const merge = (body: object, as: string = t.leader, headers: Record<string, string> = {}) => t.post('/api/incident-merges', body, headers, as)
const undo = (id: number, as: string = t.leader, body: object = {}) => t.post(`/api/incident-merges/${id}/undo`, body, {}, as)
const detail = async (id: number, as: string = t.leader) => (await t.json(`/api/incidents/${id}`, {}, as)).body
const summary = async (query = '') => (await t.json(`/api/metrics/summary?${period()}${query}`)).body.metrics as Record<string, number>

/** `cases` recomputed from plain SELECTs: the period's reports, less those in a live case that are not its primary. */
async function casesByHand(scope = ''): Promise<number> {
  const reports = await t.store.sql.all<{ id: number; township: string }>('SELECT id, township FROM incidents WHERE reported_at >= ? AND reported_at < ?', [FROM, T0])
  const members = await t.store.sql.all<{ id: number; isPrimary: number; undoneAt: number | null }>(
    'SELECT incident_id AS id, is_primary AS "isPrimary", undone_at AS "undoneAt" FROM case_members')
  const merged = new Set(members.filter((m) => Number(m.isPrimary) === 0 && m.undoneAt === null).map((m) => Number(m.id)))
  return reports.filter((r) => (scope === '' || r.township === scope) && !merged.has(Number(r.id))).length
}

const findings = async () => (await repeatPlaceFindings(t.store, t.clock.now, defaultParams(REPEAT_PLACE_RULE)))
  .filter((f) => f.evidence.recordIds.some((id) => repeat.includes(id)))

let caseId: number

describe('merge', () => {
  test('before: the repeat-place rule raises the three as a candidate, its evidence listing their ids', async () => {
    const found = await findings()
    expect(found).toHaveLength(1)
    expect([...found[0]!.evidence.recordIds].sort()).toEqual([...repeat].sort())
    expect(await summary()).toMatchObject({ reports: 7, cases: 7 })
  })

  test('a township officer merges reports of his township across grids and villages: 201, the case, a step and an event on each', async () => {
    const events = await t.count('events')
    const res = await merge({ primary: repeat[0], members: [repeat[2], repeat[1]], note: '同一处占道经营' }, officer)
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    caseId = res.body.id
    expect(res.headers.get('Location')).toBe(`/api/incident-merges/${caseId}`)
    expect(res.body).toMatchObject({
      primary: repeat[0], members: [repeat[1], repeat[2]], township: LUOYANG, category: 'enforcement', note: '同一处占道经营',
      mergedAt: new Date(t.clock.now).toISOString(), mergedBy: { role: 'township' }, undoneAt: null, undoneBy: null, undoNote: null,
    })
    expect(await t.count('events')).toBe(events + 3)
    for (const id of repeat) {
      const d = await detail(id)
      expect(d.history.at(-1)).toMatchObject({ action: 'merge', note: '同一处占道经营', detail: { case: { id: caseId, primary: repeat[0] } }, by: { role: 'township' } })
      expect(d.case).toMatchObject({ id: caseId, primary: repeat[0], members: [repeat[1], repeat[2]] })
    }
    expect((await detail(otherCategory)).case).toBeNull()
    expect((await t.json(`/api/incident-merges/${caseId}`)).body).toEqual(res.body)
    const audit = await t.store.sql.get<{ detail: string; status: number }>("SELECT detail, status FROM audit_log WHERE path = '/api/incident-merges' ORDER BY id DESC LIMIT 1")
    expect(audit).toMatchObject({ status: 201, detail: expect.stringContaining(`#${repeat[0]}`) })
  })

  test('the metric cases counts the case once; reports still counts every report; both held to a recomputation', async () => {
    const county = await summary()
    expect(county).toMatchObject({ reports: 7, cases: 5 })
    expect(county.cases).toBe(await casesByHand())
    expect((await summary(`&scope=${LUOYANG}`)).cases).toBe(await casesByHand(LUOYANG))
    // A breakdown sums to the summary: the case counts in its primary's grid.
    const byGrid = (await t.json(`/api/metrics/breakdown?metric=cases&by=grid&${period()}`)).body.items as { key: string; value: number }[]
    expect(byGrid.reduce((s, i) => s + i.value, 0)).toBe(5)
    expect(byGrid.find((i) => i.key === GRIDS.luoyangB)?.value ?? 0).toBe(0)
    // As of an instant before the merge, the reports were still separate.
    expect((await t.json(`/api/metrics/summary?${period()}&asOf=${new Date(t.clock.now - 1).toISOString()}`)).body.metrics.cases).toBe(7)
  })

  test('after: the merged matter raises no candidate', async () => {
    expect(await findings()).toEqual([])
  })

  test('with an Idempotency-Key a retry gets the first answer back', async () => {
    const key = { 'Idempotency-Key': 'merge-spare-1' }
    const first = await merge({ primary: spare[0], members: [spare[1]] }, t.leader, key)
    expect(first.status).toBe(201)
    const again = await merge({ primary: spare[0], members: [spare[1]] }, t.leader, key)
    expect(again.status).toBe(201)
    expect(again.headers.get('Idempotent-Replayed')).toBe('true')
    expect(again.body).toEqual(first.body)
    expect((await undo(first.body.id)).status).toBe(200)
  })
})

describe('refusals store nothing and say what to change', () => {
  test('another category, another township, already in a case', async () => {
    await rejected(() => merge({ primary: otherCategory, members: [spare[0]] }), 422, 'mixed_categories', new RegExp(`#${spare[0]} is enforcement`))
    await rejected(() => merge({ primary: spare[0], members: [repeat[1]!] }), 409, 'already_merged', new RegExp(`#${repeat[1]} is already in case ${caseId}`))
    const [a, b] = [await insertIncident(t.store, { reportedAt: T0 - DAY }), await insertIncident(t.store, { reportedAt: T0 - DAY, grid: GRIDS.siqian })]
    await rejected(() => merge({ primary: a, members: [b] }), 422, 'mixed_townships', new RegExp(`#${b} lie in another township`))
  })

  test('the body: the primary not among the members, no repeats, 2 to 50 incidents, known fields', async () => {
    await rejected(() => merge({ primary: spare[0], members: [spare[0], spare[1]] }), 422, 'invalid', /primary .* must not be among the members/)
    await rejected(() => merge({ primary: spare[0], members: [spare[1], spare[1]] }), 422, 'invalid', /repeat/)
    await rejected(() => merge({ primary: spare[0], members: [] }), 422, 'invalid', /at least one member/)
    await rejected(() => merge({ primary: spare[0], members: Array.from({ length: CASE_SIZE_MAX }, (_, i) => i + 1000) }), 422, 'invalid', /at most 50/)
    await rejected(() => merge({ primary: spare[0], members: [spare[1]], extra: 1 }), 422, 'invalid')
    await rejected(() => merge({ members: [spare[1]] }), 422, 'invalid', /primary/)
  })

  test('an unknown id, and one outside the officer\'s township, are the same 404', async () => {
    await rejected(() => merge({ primary: spare[0], members: [99_999_999] }), 404, 'not_found', /no incident with id 99999999/)
    await rejected(() => merge({ primary: otherCategory, members: [spare[0]] }, officer), 404, 'not_found', new RegExp(`^no incident with id ${spare[0]}$`))
  })

  test('grid workers, departments and walls may not merge or undo (403)', async () => {
    const worker = await t.token('grid', { township: LUOYANG, grids: [GRIDS.luoyangA, GRIDS.luoyangB] })
    const department = await t.token('department', { department: 'housing' })
    const wall = await t.token('wall')
    for (const as of [worker, department, wall]) {
      await rejected(() => merge({ primary: spare[0], members: [spare[1]] }, as), 403, 'forbidden')
      await rejected(() => undo(caseId, as), 403, 'forbidden')
    }
    // A grid worker reads the incident and sees its case, but is offered no undo (the route is not his).
    expect((await detail(repeat[1]!, worker)).case).toMatchObject({ id: caseId })
  })
})

describe('undo', () => {
  test('another township\'s officer: 404 as unknown; an unknown id 404', async () => {
    const siqian = await t.token('township', { township: '330329101' })
    await rejected(() => undo(caseId, siqian), 404, 'not_found', new RegExp(`no case merge with id ${caseId}`))
    await rejected(() => undo(99_999), 404, 'not_found')
    expect((await t.json(`/api/incident-merges/${caseId}`, {}, siqian)).status).toBe(404)
  })

  test('a leader undoes it: each incident on its own again, a step on each, the figures and the rule as before', async () => {
    t.clock.now += HOUR
    const events = await t.count('events')
    const res = await undo(caseId, t.leader, { note: '并非同一件事' })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toMatchObject({ id: caseId, undoneAt: new Date(t.clock.now).toISOString(), undoneBy: { role: 'leader' }, undoNote: '并非同一件事' })
    expect(await t.count('events')).toBe(events + 3)
    for (const id of repeat) {
      const d = await detail(id)
      expect(d.case).toBeNull()
      expect(d.history.at(-1)).toMatchObject({ action: 'unmerge', note: '并非同一件事', detail: { case: { id: caseId, primary: repeat[0] } }, by: { role: 'leader' } })
    }
    expect(await summary()).toMatchObject({ reports: 9, cases: 9 })
    expect((await summary()).cases).toBe(await casesByHand())
    expect(await findings()).toHaveLength(1)
  })

  test('twice: 409 already_undone, nothing stored; the reports may be merged again', async () => {
    await rejected(() => undo(caseId), 409, 'already_undone', /merge them again/)
    const again = await merge({ primary: repeat[1], members: [repeat[0]] })
    expect(again.status, JSON.stringify(again.body)).toBe(201)
    expect((await detail(repeat[0]!)).case).toMatchObject({ id: again.body.id, primary: repeat[1] })
    expect((await summary()).cases).toBe(await casesByHand())
  })
})
