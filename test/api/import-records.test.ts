// npm run import -- records and undo, in place on the run's engine: the done-when file (10,000 rows, 37 bad of
// seven kinds), a second run that changes nothing, an undo that restores the counts (the day rollup held to a
// recomputation from the raw rows each time); a changed row and its undo; an undo refused per record once a record
// moved on; closed cases (status archived: their steps, the rejected orders, a re-run closing a reported case, undo,
// the summary's figures); disputes, sites, XLSX, a dry run, and usage errors.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { recordsCommand } from '../../api/import/records/command'
import { undoCommand } from '../../api/import/undo-command'
import { createLocator } from '../../api/services/locator'
import { loadRegions } from '../../api/services/regions'
import { openStore } from '../../api/store'
import type { Store } from '../../api/store'
import { localDaySql } from '../../api/store/local-time-sql'
import { testApp } from '../support/app'
import type { TestApp } from '../support/app'
import { incidentAt } from '../../domain/as-of'
import { freshStorePlace } from '../support/engine'
import type { StorePlace } from '../support/engine'
import { INCIDENT_HEADER, INCIDENT_MAP, gridPoints, incidentCells, writeIncidentCsv } from '../support/record-rows'

const NOW = Date.parse('2026-11-27T10:00:00+08:00')
const regions = loadRegions()
const locator = createLocator(regions.grids)
const points = gridPoints(regions.grids, locator)

let place: StorePlace
let store: Store
let dir: string

beforeAll(async () => {
  place = await freshStorePlace()
  store = await openStore(place.location)
  dir = mkdtempSync(join(tmpdir(), 'onemap-import-'))
})
afterAll(async () => {
  await store.close()
  await place.drop()
  rmSync(dir, { recursive: true, force: true })
})

interface Run { code: number; out: string[]; err: string[] }
async function records(...argv: string[]): Promise<Run & { report?: Awaited<ReturnType<typeof recordsCommand>>['report'] }> {
  const out: string[] = []
  const err: string[] = []
  const r = await recordsCommand(argv, { store, locatorAt: () => locator, now: NOW, io: { out: (l) => out.push(l), err: (l) => err.push(l) } })
  return { ...r, out, err }
}
async function undo(...argv: string[]): Promise<Run> {
  const out: string[] = []
  const err: string[] = []
  const r = await undoCommand(argv, { store, now: NOW, io: { out: (l) => out.push(l), err: (l) => err.push(l) } })
  return { code: r.code, out, err }
}
const count = async (sqlText: string, params: unknown[] = []) => Number((await store.sql.get<{ n: number | string }>(sqlText, params))!.n)
const csvOf = (rows: string[][]) => rows.map((r) => r.map((v) => /[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v).join(',')).join('\n') + '\n'

/** The day rollup's rows equal a GROUP BY over the incidents (what the triggers must keep through import and undo). */
async function expectRollupRight() {
  const rollup = await store.sql.all(`SELECT day, township, status, on_list, n, handled, handling_ms FROM incident_days WHERE n > 0 ORDER BY 1, 2, 3, 4`)
  const raw = await store.sql.all(`SELECT ${localDaySql('reported_at')} AS day, township, status, on_list, count(*) AS n,
    sum(CASE WHEN resolved_at IS NOT NULL THEN 1 ELSE 0 END) AS handled, coalesce(sum(resolved_at - reported_at), 0) AS handling_ms
    FROM incidents GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`)
  expect(rollup).toEqual(raw)
  expect(await count('SELECT count(*) AS n FROM incident_days WHERE n < 0')).toBe(0)
}

describe('npm run import -- records --kind incidents', () => {
  test('10,000 rows with 37 bad: 9,963 stored, the 37 reported by line; again: nothing changes; undo: the counts as before', async () => {
    const file = join(dir, 'register.csv')
    const bad = new Set(Array.from({ length: 37 }, (_, k) => k * 269 + 7))
    const badLines = await writeIncidentCsv(file, 10_000, points, bad)
    const before = await count("SELECT count(*) AS n FROM incidents WHERE external_id LIKE 'TS-%'")
    expect(before).toBe(0)

    const first = await records('--kind', 'incidents', '--file', file, '--map', INCIDENT_MAP)
    expect(first.code).toBe(1)
    expect(first.report).toMatchObject({ rows: 10_000, added: 9963, changed: 0, unchanged: 0 })
    expect(first.report!.rejected.map((r) => r.line)).toEqual(badLines)
    expect(first.err).toHaveLength(37)
    const reasons = first.report!.rejected.map((r) => r.reason)
    // Each planted kind, said in words that point at the fix.
    expect(reasons.filter((r) => r.includes('is not a real date'))).toHaveLength(6)
    expect(reasons.filter((r) => r.startsWith('type: "no-such-type" is not one of'))).toHaveLength(6)
    expect(reasons.filter((r) => r.includes('is outside 泰顺县'))).toHaveLength(5)
    expect(reasons.filter((r) => r === 'missing description')).toHaveLength(5)
    expect(reasons.filter((r) => r.startsWith('point.crs:'))).toHaveLength(5)
    expect(reasons.filter((r) => r.startsWith('point.lng:'))).toHaveLength(5)
    expect(reasons.filter((r) => r.includes('is in the future'))).toHaveLength(5)
    expect(await count("SELECT count(*) AS n FROM incidents WHERE external_id LIKE 'TS-%'")).toBe(9963)
    // A stored row is intake's: its type's routing, its place, its deadlines, its history's report step.
    const one = await store.sql.get<Record<string, unknown>>("SELECT id, type, category, township, grid, status, reported_at AS reportedAt, crs_in AS crsIn FROM incidents WHERE external_id = 'TS-0'")
    expect(one).toMatchObject({ type: incidentCells(0, points)[1], status: 'reported', crsIn: 'wgs84', reportedAt: Date.parse('2024-01-01T09:00:00+08:00') })
    expect(locator.locate(points[0]![0], points[0]![1])!.grid).toBe(one!.grid)
    expect(await count("SELECT count(*) AS n FROM incident_events WHERE incident_id = ? AND action = 'report'", [one!.id])).toBe(1)
    await expectRollupRight()
    // The batch is in the audit log.
    const batchId = first.report!.batchId!
    expect(await count('SELECT count(*) AS n FROM audit_log WHERE target = ?', [`import batch ${batchId}`])).toBe(2)

    const again = await records('--kind', 'incidents', '--file', file, '--map', INCIDENT_MAP)
    expect(again.report).toMatchObject({ added: 0, changed: 0, unchanged: 9963 })
    expect(await count("SELECT count(*) AS n FROM incidents WHERE external_id LIKE 'TS-%'")).toBe(9963)

    const undone = await undo(String(batchId))
    expect(undone).toMatchObject({ code: 0, err: [] })
    expect(undone.out[0]).toBe(`batch ${batchId}: removed 9963, restored 0`)
    expect(await count("SELECT count(*) AS n FROM incidents WHERE external_id LIKE 'TS-%'")).toBe(0)
    expect(await count('SELECT count(*) AS n FROM incident_events WHERE incident_id = ?', [one!.id])).toBe(0)
    await expectRollupRight()
    expect(await count('SELECT coalesce(sum(n), 0) AS n FROM incident_days')).toBe(await count('SELECT count(*) AS n FROM incidents'))
    // Undone is undone: a second undo has nothing left.
    expect((await undo(String(batchId))).out[0]).toBe(`batch ${batchId}: removed 0, restored 0`)
  }, 120_000)

  test('a changed row changes its record (deadlines and rollup follow); undo puts it back', async () => {
    const file = join(dir, 'change.csv')
    const rows = [0, 1, 2].map((i) => incidentCells(i, points, `CH-${i}`))
    writeFileSync(file, csvOf([INCIDENT_HEADER, ...rows]))
    const first = await records('--kind', 'incidents', '--file', file, '--map', INCIDENT_MAP)
    expect(first.report).toMatchObject({ added: 3, rejected: [] })
    const read = () => store.sql.get<Record<string, unknown>>("SELECT description, severity, township, reported_at AS reportedAt, resolve_by AS resolveBy, updated_at AS updatedAt FROM incidents WHERE external_id = 'CH-1'")
    const was = await read()
    rows[1]![5] = '更正后的描述'
    rows[1]![7] = 'critical'
    rows[1]![10] = '2024-06-01 08:00'
    rows[1]![2] = String(points[200]![0]); rows[1]![3] = String(points[200]![1])
    writeFileSync(file, csvOf([INCIDENT_HEADER, ...rows]))
    const second = await records('--kind', 'incidents', '--file', file, '--map', INCIDENT_MAP)
    expect(second.report).toMatchObject({ added: 0, changed: 1, unchanged: 2 })
    const now = await read()
    expect(now).toMatchObject({ description: '更正后的描述', severity: 'critical', reportedAt: Date.parse('2024-06-01T08:00:00+08:00'), updatedAt: NOW })
    expect(now!.resolveBy).not.toBe(was!.resolveBy)
    await expectRollupRight()

    expect((await undo(String(second.report!.batchId))).code).toBe(0)
    expect(await read()).toEqual(was)
    await expectRollupRight()
    expect((await undo(String(first.report!.batchId))).code).toBe(0)
    expect(await count("SELECT count(*) AS n FROM incidents WHERE external_id LIKE 'CH-%'")).toBe(0)
  })

  test('undo refuses, record by record, where records moved on; --partial takes back the rest', async () => {
    const file = join(dir, 'moved.csv')
    const rows = [0, 1, 2, 3].map((i) => incidentCells(i, points, `MV-${i}`))
    writeFileSync(file, csvOf([INCIDENT_HEADER, ...rows]))
    const first = await records('--kind', 'incidents', '--file', file, '--map', INCIDENT_MAP)
    const batch = String(first.report!.batchId)
    const idOf = async (ext: string) => (await store.sql.get<{ id: number }>('SELECT id FROM incidents WHERE external_id = ?', [ext]))!.id
    // MV-0 was accepted in the app; MV-1 corrected by a later import.
    const accepted = await idOf('MV-0')
    await store.transaction(() => store.incidents.update(accepted, { status: 'accepted', acceptedAt: NOW }, NOW + 1))
    rows[1]![5] = '后来更正'
    writeFileSync(file, csvOf([INCIDENT_HEADER, ...rows]))
    const later = await records('--kind', 'incidents', '--file', file, '--map', INCIDENT_MAP)
    expect(later.report).toMatchObject({ changed: 1, unchanged: 3, rejected: [] })

    // The accepted one may no longer be changed by a file either.
    rows[0]![5] = '改不了'
    writeFileSync(file, csvOf([INCIDENT_HEADER, ...rows]))
    const refusedRow = await records('--kind', 'incidents', '--file', file, '--map', INCIDENT_MAP)
    expect(refusedRow.report!.rejected).toEqual([{ line: 2, reason: `incident ${accepted} has moved on since it was imported (now accepted): change it in the app` }])

    const refused = await undo(batch)
    expect(refused.code).toBe(1)
    expect(refused.err.slice(0, 2).sort()).toEqual([
      `incidents ${accepted}: it changed at ${new Date(NOW + 1).toISOString()}, after the import (now accepted): change it in the app instead`,
      `incidents ${await idOf('MV-1')}: import batch ${later.report!.batchId} changed it since: undo ${later.report!.batchId} first`,
    ].sort())
    expect(await count("SELECT count(*) AS n FROM incidents WHERE external_id LIKE 'MV-%'")).toBe(4)

    const partial = await undo(batch, '--partial')
    expect(partial.out.at(-1)).toBe(`batch ${batch}: removed 2, restored 0, left 2 that moved on (listed above)`)
    expect(await count("SELECT count(*) AS n FROM incidents WHERE external_id LIKE 'MV-%'")).toBe(2)
    // Once the later batch is undone, MV-1 can go too; the accepted one stays.
    expect((await undo(String(later.report!.batchId))).code).toBe(0)
    const rest = await undo(batch, '--partial')
    expect(rest.out.at(-1)).toBe(`batch ${batch}: removed 1, restored 0, left 1 that moved on (listed above)`)
    await expectRollupRight()
  })

  test('XLSX with dates as cells, GCJ-02 by --crs; a dry run writes nothing', async () => {
    const file = join(dir, 'register.xlsx')
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('事件')
    ws.addRow(INCIDENT_HEADER)
    const cells = incidentCells(5, points, 'XL-5')
    // The county's coordinates as Amap gives them: 119.7… shifted by GCJ-02.
    const { wgs84ToGcj02 } = await import('../../domain/crs')
    const [gLng, gLat] = wgs84ToGcj02([Number(cells[2]), Number(cells[3])])
    ws.addRow([cells[0], cells[1], gLng, gLat, null, cells[5], cells[6], cells[7], null, null, new Date(Date.UTC(2024, 4, 6, 14, 30))])
    await wb.xlsx.writeFile(file)

    const dry = await records('--kind', 'incidents', '--file', file, '--map', INCIDENT_MAP, '--crs', 'gcj02', '--dry-run')
    expect(dry.report).toMatchObject({ batchId: null, added: 1, rejected: [] })
    expect(await count("SELECT count(*) AS n FROM incidents WHERE external_id = 'XL-5'")).toBe(0)

    const run = await records('--kind', 'incidents', '--file', file, '--map', INCIDENT_MAP, '--crs', 'gcj02')
    expect(run.report).toMatchObject({ added: 1, rejected: [] })
    const row = await store.sql.get<Record<string, number | string>>("SELECT lng, lat, crs_in AS crsIn, reported_at AS reportedAt FROM incidents WHERE external_id = 'XL-5'")
    expect(row!.crsIn).toBe('gcj02')
    expect(Math.abs(Number(row!.lng) - Number(cells[2]))).toBeLessThan(2e-6)
    expect(row!.reportedAt).toBe(Date.parse('2024-05-06T14:30:00+08:00'))
  })

  test('usage: unknown kind, a --map column the file lacks, a missing required column, a missing file', async () => {
    const file = join(dir, 'short.csv')
    writeFileSync(file, 'externalId,type,lng,lat\nA,pollution,119.7,27.5\n')
    expect((await records('--kind', 'whistles', '--file', file)).code).toBe(2)
    const noColumn = await records('--kind', 'incidents', '--file', file, '--map', '编号=externalId')
    expect(noColumn).toMatchObject({ code: 2, err: [expect.stringContaining('the file\'s header lacks')] })
    const missing = await records('--kind', 'incidents', '--file', file)
    expect(missing.err[0]).toContain('the file has no column for description, source, reportedAt')
    expect((await records('--kind', 'incidents', '--file', join(dir, 'nope.csv'))).code).toBe(2)
    expect(await count('SELECT count(*) AS n FROM import_batches WHERE source = ?', [file])).toBe(0)
  })
})

describe('npm run import -- records --kind disputes|sites', () => {
  test('disputes: parties as "name phone; name", accepted at acceptedAt, history row; re-run unchanged; undo', async () => {
    const file = join(dir, 'disputes.csv')
    const [lng, lat] = points[10]!
    writeFileSync(file, csvOf([
      ['externalId', 'type', 'lng', 'lat', 'description', 'parties', 'level', 'risk', 'crossRegion', 'acceptedAt'],
      ['D-1', 'neighbour', String(lng), String(lat), '宅基地边界争议', '张三 13800000000; 李四', 'township', 'medium', '否', '2024-03-05 09:30'],
      ['D-2', 'neighbour', String(lng), String(lat), '无当事人', '', 'village', 'low', '', '2024-03-05'],
      ['D-3', 'feud', String(lng), String(lat), '类型不对', '王五', 'village', 'low', '', '2024-03-05'],
      ['D-4', 'labour', String(lng), String(lat), '跨区', '赵六', 'county', 'high', 'maybe', '2024-03-05'],
    ]))
    const run = await records('--kind', 'disputes', '--file', file)
    expect(run.report).toMatchObject({ added: 1 })
    expect(run.report!.rejected).toEqual([
      { line: 3, reason: 'missing parties' },
      { line: 4, reason: expect.stringContaining('type: Invalid option') },
      { line: 5, reason: expect.stringContaining('crossRegion:') },
    ])
    const d = await store.sql.get<Record<string, unknown>>("SELECT id, parties, level, status, mediator, accepted_at AS acceptedAt FROM disputes WHERE external_id = 'D-1'")
    expect(d).toMatchObject({ level: 'township', status: 'accepted', mediator: 'professional', acceptedAt: Date.parse('2024-03-05T09:30:00+08:00') })
    expect(JSON.parse(d!.parties as string)).toEqual([{ name: '张三', phone: '13800000000' }, { name: '李四' }])
    expect(await count('SELECT count(*) AS n FROM dispute_events WHERE dispute_id = ?', [d!.id])).toBe(1)
    expect((await records('--kind', 'disputes', '--file', file)).report).toMatchObject({ added: 0, unchanged: 1 })
    expect((await undo(String(run.report!.batchId))).code).toBe(0)
    expect(await count("SELECT count(*) AS n FROM disputes WHERE external_id = 'D-1'")).toBe(0)
  })

  test('sites: department by category, next inspection by grade; a site inspected in the app is not undone', async () => {
    const file = join(dir, 'sites.csv')
    const [lng, lat] = points[20]!
    writeFileSync(file, csvOf([
      ['台账编号', 'category', 'name', 'grade', 'lng', 'lat', 'registeredAt', 'lastInspectionAt'],
      ['S-1', 'hazchem', '某化工仓库', 'red', String(lng), String(lat), '2024-01-10', '2024-05-01'],
      ['S-2', 'drug', '某药房', 'blue', String(lng), String(lat), '2024-01-10', ''],
      ['S-3', 'drug', '某药房', 'purple', String(lng), String(lat), '2024-01-10', ''],
      ['S-4', 'drug', '检查早于登记', 'blue', String(lng), String(lat), '2024-01-10', '2023-12-01'],
    ]))
    const run = await records('--kind', 'sites', '--file', file, '--map', '台账编号=externalId')
    expect(run.report).toMatchObject({ added: 2 })
    expect(run.report!.rejected.map((r) => r.line)).toEqual([4, 5])
    const s1 = await store.sql.get<Record<string, unknown>>("SELECT id, department, next_inspection_due AS due FROM sites WHERE external_id = 'S-1'")
    expect(s1).toMatchObject({ department: 'emergency', due: Date.parse('2024-05-01T00:00:00+08:00') + 30 * 86_400_000 })
    await store.transaction(() => store.sql.run("INSERT INTO inspections (site_id, at, result, mobile, off_site) VALUES (?, ?, 'pass', 1, 0)", [s1!.id, NOW]))
    const refused = await undo(String(run.report!.batchId))
    expect(refused.err[0]).toBe(`sites ${s1!.id}: inspections rows refer to it`)
    expect((await undo(String(run.report!.batchId), '--partial')).out.at(-1)).toContain('removed 1')
    expect(await count("SELECT count(*) AS n FROM sites WHERE external_id LIKE 'S-%'")).toBe(1)
  })
})

/** Closed cases from the register: status archived with the times it was accepted, resolved and verified. */
const CLOSED_HEADER = [...INCIDENT_HEADER, 'status', 'acceptedAt', 'resolvedAt', 'result', 'verifiedAt']
const HOUR = 3_600_000
const reportedAtOf = (cells: string[]) => Date.parse(`${cells[10]!.replace(' ', 'T')}:00+08:00`)
/** Row i closed: accepted an hour after the report, resolved two days after, verified a day later. */
function closedCells(i: number, id: string, hours: [number, number, number] = [1, 48, 72]): string[] {
  const cells = incidentCells(i, points, id)
  const t = reportedAtOf(cells)
  const at = (h: number) => new Date(t + h * HOUR).toISOString()
  return [...cells, 'archived', at(hours[0]), at(hours[1]), `已办结 ${id}`, at(hours[2])]
}
const openCells = (i: number, id: string) => [...incidentCells(i, points, id), '', '', '', '', '']
const CLOSED_STEPS = ['report', 'accept', 'dispatch', 'start', 'resolve', 'verify']

describe('npm run import -- records --kind incidents: closed cases (status archived)', () => {
  const stepsOf = (ext: string) => store.sql.all<{ action: string; at: number; fromStatus: string | null; toStatus: string; note: string | null; actorName: string | null }>(
    `SELECT e.action, e.at, e.from_status AS "fromStatus", e.to_status AS "toStatus", e.note, e.actor_name AS "actorName"
     FROM incident_events e JOIN incidents i ON i.id = e.incident_id WHERE i.external_id = ? ORDER BY e.at, e.id`, [ext])
  const rowOf = (ext: string) => store.sql.get<Record<string, string | number | null>>(
    `SELECT id, status, reported_at AS "reportedAt", accepted_at AS "acceptedAt", dispatched_at AS "dispatchedAt", started_at AS "startedAt",
     signed_at AS "signedAt", resolved_at AS "resolvedAt", verified_at AS "verifiedAt", updated_at AS "updatedAt" FROM incidents WHERE external_id = ?`, [ext])

  test('archived rows land archived with the steps report → verify at their times; bad statuses and orders are rejected by line', async () => {
    const file = join(dir, 'closed.csv')
    const good = Array.from({ length: 12 }, (_, i) => closedCells(i, `CL-${i}`))
    const future = closedCells(20, 'CL-future')
    future[15] = new Date(NOW + HOUR).toISOString()
    const unordered = closedCells(21, 'CL-order', [1, 48, 24])
    const early = closedCells(22, 'CL-early', [-1, 48, 72])
    const missing = closedCells(23, 'CL-missing')
    missing[15] = ''
    const other = closedCells(24, 'CL-other')
    other[11] = 'resolved'
    const openWithTimes = closedCells(25, 'CL-open')
    openWithTimes[11] = 'reported'
    writeFileSync(file, csvOf([CLOSED_HEADER, ...good, openCells(26, 'CL-reported'), future, unordered, early, missing, other, openWithTimes]))
    const run = await records('--kind', 'incidents', '--file', file, '--map', INCIDENT_MAP)
    expect(run.report).toMatchObject({ rows: 19, added: 13, changed: 0 })
    expect(run.report!.rejected).toEqual([
      { line: 15, reason: expect.stringMatching(/^verifiedAt=".*" is in the future/) },
      { line: 16, reason: 'verifiedAt is before resolvedAt: a case is reported, accepted, resolved and verified in that order' },
      { line: 17, reason: 'acceptedAt is before reportedAt: a case is reported, accepted, resolved and verified in that order' },
      { line: 18, reason: 'status archived needs verifiedAt: a closed case is imported with its times' },
      { line: 19, reason: 'status="resolved": give reported (上报, the default) or archived (核查归档, closed and verified)' },
      { line: 20, reason: 'acceptedAt, resolvedAt, verifiedAt, result: only an archived case has them; give status archived or leave them empty' },
    ])

    const t = reportedAtOf(good[3]!)
    expect(await rowOf('CL-3')).toMatchObject({
      status: 'archived', reportedAt: t, acceptedAt: t + HOUR, dispatchedAt: t + HOUR, startedAt: t + HOUR, signedAt: t + HOUR,
      resolvedAt: t + 48 * HOUR, verifiedAt: t + 72 * HOUR, updatedAt: t + 72 * HOUR,
    })
    const steps = await stepsOf('CL-3')
    expect(steps.map((s) => s.action)).toEqual(CLOSED_STEPS)
    expect(steps.map((s) => Number(s.at))).toEqual([t, t + HOUR, t + HOUR, t + HOUR, t + 48 * HOUR, t + 72 * HOUR])
    expect(steps.map((s) => s.toStatus)).toEqual(['reported', 'accepted', 'dispatched', 'handling', 'resolved', 'archived'])
    expect(steps.find((s) => s.action === 'resolve')!.note).toBe('已办结 CL-3')
    expect(steps.every((s) => s.actorName === null)).toBe(true)
    expect((await stepsOf('CL-reported')).map((s) => s.action)).toEqual(['report'])
    // As an asOf view rebuilds it from its steps: in hand before its resolution, accepted and started an hour in.
    const stored = (await store.incidents.get(Number((await rowOf('CL-3'))!.id)))!
    const then = incidentAt(stored, await store.incidents.events(stored.id), t + 47 * HOUR)
    expect(then).toMatchObject({ status: 'handling', acceptedAt: t + HOUR, startedAt: t + HOUR, signedAt: t + HOUR, resolvedAt: null, verifiedAt: null })
    // No call-back is drawn for an imported closed case.
    expect(await count("SELECT count(*) AS n FROM callbacks c JOIN incidents i ON i.id = c.incident_id WHERE i.external_id LIKE 'CL-%'")).toBe(0)
    await expectRollupRight()

    // Again: unchanged; undo takes the cases and their steps back.
    expect((await records('--kind', 'incidents', '--file', file, '--map', INCIDENT_MAP)).report).toMatchObject({ added: 0, changed: 0, unchanged: 13 })
    expect((await undo(String(run.report!.batchId))).code).toBe(0)
    expect(await count("SELECT count(*) AS n FROM incidents WHERE external_id LIKE 'CL-%'")).toBe(0)
    expect(await count("SELECT count(*) AS n FROM incident_events e WHERE NOT EXISTS (SELECT 1 FROM incidents i WHERE i.id = e.incident_id)")).toBe(0)
    await expectRollupRight()
  })

  test('a re-run closes a reported case (reported → archived, steps added); never takes one back; undo reopens it as it was', async () => {
    const file = join(dir, 'reclose.csv')
    const ids = [0, 1, 2].map((i) => `RC-${i}`)
    writeFileSync(file, csvOf([CLOSED_HEADER, ...ids.map((id, i) => openCells(40 + i, id))]))
    const first = await records('--kind', 'incidents', '--file', file, '--map', INCIDENT_MAP)
    expect(first.report).toMatchObject({ added: 3 })

    writeFileSync(file, csvOf([CLOSED_HEADER, ...ids.map((id, i) => closedCells(40 + i, id))]))
    const closing = await records('--kind', 'incidents', '--file', file, '--map', INCIDENT_MAP)
    expect(closing.report).toMatchObject({ added: 0, changed: 3, unchanged: 0, rejected: [] })
    expect(await rowOf('RC-1')).toMatchObject({ status: 'archived', updatedAt: NOW })
    expect((await stepsOf('RC-1')).map((s) => s.action)).toEqual(CLOSED_STEPS)
    await expectRollupRight()
    expect((await records('--kind', 'incidents', '--file', file, '--map', INCIDENT_MAP)).report).toMatchObject({ changed: 0, unchanged: 3 })

    // Back to reported, or other times: refused by line.
    const back = closedCells(41, 'RC-1')
    back[13] = new Date(reportedAtOf(back) + 50 * HOUR).toISOString()
    writeFileSync(file, csvOf([CLOSED_HEADER, openCells(40, 'RC-0'), back, closedCells(42, 'RC-2')]))
    const refused = await records('--kind', 'incidents', '--file', file, '--map', INCIDENT_MAP)
    const id0 = (await rowOf('RC-0'))!.id
    const id1 = (await rowOf('RC-1'))!.id
    expect(refused.report).toMatchObject({ changed: 0, unchanged: 1 })
    expect(refused.report!.rejected).toEqual([
      { line: 2, reason: `incident ${id0} was imported closed (archived, 核查归档); a file may not take it back to reported: undo that import or reopen it in the app` },
      { line: 3, reason: `incident ${id1} was imported closed with other times (resolvedAt); its history is at them: undo that import and import again` },
    ])

    expect((await undo(String(closing.report!.batchId))).out.at(-1)).toBe(`batch ${closing.report!.batchId}: removed 0, restored 3`)
    expect(await rowOf('RC-1')).toMatchObject({ status: 'reported', acceptedAt: null, dispatchedAt: null, signedAt: null, resolvedAt: null, verifiedAt: null })
    expect((await stepsOf('RC-1')).map((s) => s.action)).toEqual(['report'])
    await expectRollupRight()
  })
})

describe('closed cases in the figures', () => {
  let t: TestApp
  beforeAll(async () => { t = await testApp(NOW) })
  afterAll(async () => { await t.close() })

  test('N imported closed cases count as reports and as closed (办结, closureRate 1), none open or overdue', async () => {
    const file = join(dir, 'figures.csv')
    const n = 12
    // Reported in 2024, closed long after their deadlines or within them: either way closed now.
    writeFileSync(file, csvOf([CLOSED_HEADER, ...Array.from({ length: n }, (_, i) => closedCells(60 + i, `FG-${i}`, [1, 24 * (1 + i * 5), 24 * (2 + i * 5)]))]))
    const out: string[] = []
    const run = await recordsCommand(['--kind', 'incidents', '--file', file, '--map', INCIDENT_MAP],
      { store: t.store, locatorAt: () => locator, now: NOW, io: { out: (l) => out.push(l), err: (l) => out.push(l) } })
    expect(run.report).toMatchObject({ added: n, rejected: [] })
    const res = await t.json(`/api/metrics/summary?from=2024-01-01T00:00:00%2B08:00&to=2025-01-01T00:00:00%2B08:00`)
    expect(res.status).toBe(200)
    const m = res.body.metrics
    expect(m.reports).toBe(n)
    expect(m.resolved).toBe(n)
    expect(m.open).toBe(0)
    expect(m.overdue).toBe(0)
    expect(m.closureRate).toBe(1)
  })
})
