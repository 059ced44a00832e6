// CSV and XLSX exports of the list routes (format=csv|xlsx): the same rows as the JSON list in its order, readable
// values (labels, UTC+8 times, place names), a formula-looking text neutralised in CSV, masking as the JSON detail
// masks, the caller's scope, the cap (413, counted first), 400 for an unknown format or language, and one audit row
// per export. The records are this file's own, in a range of their own; on both engines.
import ExcelJS from 'exceljs'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { testApp } from '../support/app'
import type { TestApp } from '../support/app'
import { rejecter } from '../support/rejected'
import { GRIDS, insertSite } from '../support/fixtures'

const LUOYANG = '330329100'
const LUOYANG_WGS84 = { lng: 119.708034, lat: 27.559551 }
const SIXI_WGS84 = { lng: 119.999571, lat: 27.471651 } // 泗溪镇's seat
const FORMULA = '=HYPERLINK("http://evil.example","点我")'
const base = { type: 'road-occupation', point: LUOYANG_WGS84, source: 'hotline', severity: 'urgent', reporter: { name: '张三丰', phone: '13812345678' } }
const HOUR = 3_600_000
const DAY = 24 * HOUR

let t: TestApp
let from: string
let to: string
let ids: number[]
let wall: string
let officer: string
beforeAll(async () => {
  // Pages of 3 rows: the 7 incidents below take three pages, so the export walks the cursor as the JSON list does.
  t = await testApp(undefined, { exportPageRows: 3 })
  from = new Date(t.clock.now).toISOString()
  ids = []
  for (let i = 0; i < 7; i++) {
    const body = i === 0 ? { ...base, description: FORMULA }
      : i === 1 ? { ...base, description: '含"引号",逗号\n和换行' }
        : { ...base, point: i % 2 ? SIXI_WGS84 : LUOYANG_WGS84, description: `测试：第${i}件`, severity: 'normal' }
    const res = await t.post('/api/incidents', body)
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    ids.push(res.body.id)
    t.clock.now += 60_000
  }
  to = new Date(t.clock.now).toISOString()
  wall = await t.token('wall')
  officer = await t.token('township', { township: LUOYANG })
})
afterAll(async () => await t.close())
const rejected = rejecter(() => t)

/** The raw answer of a GET as `as` (the leader by default). */
async function get(path: string, as: string = t.leader) {
  return await t.app.request(path, { headers: { Authorization: `Bearer ${as}` } })
}

async function csvOf(path: string, as?: string): Promise<{ text: string; rows: string[][]; res: Response }> {
  const res = await get(path, as)
  expect(res.status, res.status === 200 ? '' : await res.clone().text()).toBe(200)
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer())
  return { text, rows: parse(text.replace(/^\uFEFF/, ''), { relaxColumnCount: false }) as string[][], res }
}

async function xlsxOf(path: string, as?: string): Promise<{ rows: unknown[][]; res: Response }> {
  const res = await get(path, as)
  expect(res.status).toBe(200)
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(await res.arrayBuffer())
  const sheet = book.worksheets[0]!
  const rows: unknown[][] = []
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)))
  return { rows, res }
}

/** Every feature of a JSON list, following `next`. */
async function walk(path: string, as: string = t.leader): Promise<any[]> {
  const items: any[] = []
  let url: string | null = path
  while (url) {
    const res = await t.json(url, {}, as)
    expect(res.status).toBe(200)
    items.push(...(res.body.features ?? res.body.items ?? res.body.entries))
    url = res.body.next ? `${path}${path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(res.body.next)}` : null
  }
  return items
}

const range = () => `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`

describe('incidents as CSV', () => {
  test('the same rows as the JSON list, in its order, with readable values and the file an office opens', async () => {
    const json = await walk(`/api/incidents?${range()}&limit=2`)
    const { text, rows, res } = await csvOf(`/api/incidents?${range()}&format=csv`)
    expect(text.startsWith('\uFEFF编号,上报时间,')).toBe(true)
    expect(text.split('\r\n').length).toBeGreaterThan(8)
    expect(text.replace(/"[^"]*"/g, '').includes('\n') && !text.replace(/"[^"]*"/g, '').replace(/\r\n/g, '').includes('\n')).toBe(true)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="incidents-20261127\.csv"; filename\*=UTF-8''%E4%BA%8B%E4%BB%B6-20261127\.csv$/)
    expect(res.headers.get('x-export-rows')).toBe('7')
    const [head, ...body] = rows
    expect(body).toHaveLength(json.length)
    expect(body.map((r) => Number(r[0]))).toEqual(json.map((f) => f.id))
    expect(json.map((f) => f.id).sort()).toEqual([...ids].sort())
    const col = (name: string) => head!.indexOf(name)
    // Field by field against the JSON detail of the planted formula and the quoted text.
    for (const id of ids.slice(0, 2)) {
      const detail = (await t.json(`/api/incidents/${id}`)).body
      const row = body.find((r) => Number(r[0]) === id)!
      expect(row[col('描述')]).toBe(detail.description === FORMULA ? `'${FORMULA}` : detail.description)
      expect(row[col('状态')]).toBe('上报')
      expect(row[col('紧急程度')]).toBe('较急')
      expect(row[col('来源')]).toBe('12345热线')
      expect(row[col('事件类型')]).toBe('占道经营')
      expect(row[col('乡镇')]).toBe('罗阳镇')
      expect(row[col('上报人')]).toBe('张三丰')
      expect(row[col('联系电话')]).toBe('13812345678')
      expect(Number(row[col('经度')])).toBe(detail.point[0])
      // UTC+8, minutes: 02:00Z is 10:00 in Taishun.
      expect(row[col('上报时间')]).toBe(new Date(Date.parse(detail.reportedAt) + 8 * HOUR).toISOString().slice(0, 16).replace('T', ' '))
    }
  })

  test('lang=en: English heads and labels', async () => {
    const { rows, res } = await csvOf(`/api/incidents?${range()}&format=csv&lang=en`)
    expect(rows[0]!.slice(0, 3)).toEqual(['ID', 'Reported', 'Type'])
    expect(rows[1]![rows[0]!.indexOf('Severity')]).toBe('Normal')
    expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''incidents-20261127.csv")
  })

  test('a wall, and ?masked=true, get the reporter and free text masked as in the JSON detail', async () => {
    for (const [as, query] of [[wall, ''], [t.leader, '&masked=true']] as const) {
      const { rows } = await csvOf(`/api/incidents?${range()}&format=csv${query}`, as)
      const head = rows[0]!
      const detail = (await t.json(`/api/incidents/${ids[1]}?masked=true`, {}, as)).body
      expect(detail.reporter).toEqual({ name: '张**', phone: '138****5678' })
      for (const row of rows.slice(1)) {
        expect(row[head.indexOf('上报人')]).toBe('张**')
        expect(row[head.indexOf('联系电话')]).toBe('138****5678')
      }
      expect(rows.find((r) => Number(r[0]) === ids[1])![head.indexOf('描述')]).toBe(detail.description)
    }
  })

  test('the caller\'s scope: a township officer exports their township only; another township is 403', async () => {
    const json = await walk(`/api/incidents?${range()}`, officer)
    const { rows } = await csvOf(`/api/incidents?${range()}&format=csv`, officer)
    expect(rows.slice(1).map((r) => Number(r[0]))).toEqual(json.map((f) => f.id))
    expect(json.length).toBeGreaterThan(0)
    expect(json.length).toBeLessThan(ids.length)
    expect(new Set(rows.slice(1).map((r) => r[rows[0]!.indexOf('乡镇')]))).toEqual(new Set(['罗阳镇']))
    const res = await get(`/api/incidents?${range()}&format=csv&scope=330329101`, officer)
    expect(res.status).toBe(403)
  })

  test('filters apply as in JSON (severity)', async () => {
    const json = await walk(`/api/incidents?${range()}&severity=urgent`)
    const { rows } = await csvOf(`/api/incidents?${range()}&severity=urgent&format=csv`)
    expect(rows.slice(1).map((r) => Number(r[0]))).toEqual(json.map((f) => f.id))
    expect(json).toHaveLength(2)
  })
})

describe('incidents as XLSX', () => {
  test('one sheet, the heads and the same rows; text kept verbatim (cells are values, never formulas)', async () => {
    const json = await walk(`/api/incidents?${range()}`)
    const { rows, res } = await xlsxOf(`/api/incidents?${range()}&format=xlsx`)
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(res.headers.get('content-disposition')).toContain('filename="incidents-20261127.xlsx"')
    expect(rows[0]!.slice(0, 2)).toEqual(['编号', '上报时间'])
    expect(rows.slice(1).map((r) => r[0])).toEqual(json.map((f) => f.id))
    const head = rows[0]!
    const planted = rows.find((r) => r[0] === ids[0])!
    expect(planted[head.indexOf('描述')]).toBe(FORMULA)
    expect(planted[head.indexOf('上报人')]).toBe('张三丰')
  })
})

describe('refusals and the audit', () => {
  test('an unknown format is 400 naming the formats; an unknown lang 400; nothing audited', async () => {
    const before = await t.count('audit_log')
    await rejected(() => t.json(`/api/incidents?format=pdf`), 400, 'bad_request', /format=csv.*format=xlsx/)
    await rejected(() => t.json(`/api/disputes?format=xls`), 400, 'bad_request', /format=csv/)
    await rejected(() => t.json(`/api/incidents?format=csv&lang=fr`), 400, 'bad_request', /lang=zh.*lang=en/)
    expect(await t.count('audit_log')).toBe(before)
  })

  test('over the cap: 413 before a byte, advising a narrower range', async () => {
    const small = await testApp(undefined, { exportMaxRows: 2 })
    try {
      for (let i = 0; i < 3; i++) expect((await small.post('/api/incidents', { ...base, description: `测试${i}` })).status).toBe(201)
      const res = await small.json('/api/incidents?format=csv')
      expect(res.status).toBe(413)
      expect(res.body.error.code).toBe('export_too_large')
      expect(res.body.error.message).toMatch(/3 incidents match.*at most 2 rows.*narrow the range/)
      expect((await small.app.request('/api/incidents?format=xlsx&severity=normal', { headers: small.auth })).status).toBe(200)
    } finally { await small.close() }
  })

  test('every export is one audit row naming the kind, format, row count and filters', async () => {
    await csvOf(`/api/incidents?${range()}&severity=urgent&format=csv`)
    const row = await t.store.sql.get<{ detail: string; method: string; path: string; status: number; actor: string }>(
      'SELECT detail, method, path, status, actor FROM audit_log ORDER BY id DESC LIMIT 1')
    expect(row).toMatchObject({ method: 'GET', path: '/api/incidents', status: 200 })
    expect(row!.detail).toMatch(/^export incidents csv 2 rows from=.*severity=urgent$/)
    // A JSON list stays unaudited.
    const n = await t.count('audit_log')
    await t.json(`/api/incidents?${range()}`)
    expect(await t.count('audit_log')).toBe(n)
  })
})

describe('the other lists', () => {
  test('disputes: records with parties, masked for a wall', async () => {
    const res = await t.post('/api/disputes', { type: 'land-forest', point: LUOYANG_WGS84, description: '+测试：山林界址争议', parties: [{ name: '王小五', phone: '13812345678' }, { name: '赵六' }] })
    expect(res.status).toBe(201)
    const json = await walk('/api/disputes')
    const { rows } = await csvOf('/api/disputes?format=csv')
    expect(rows.slice(1).map((r) => Number(r[0]))).toEqual(json.map((f) => f.id))
    const head = rows[0]!
    const row = rows.find((r) => Number(r[0]) === res.body.id)!
    expect(row[head.indexOf('纠纷概要')]).toBe("'+测试：山林界址争议")
    expect(row[head.indexOf('当事人')]).toBe('王小五 13812345678; 赵六')
    const masked = (await csvOf('/api/disputes?format=csv', wall)).rows.find((r) => Number(r[0]) === res.body.id)!
    expect(masked[head.indexOf('当事人')]).toBe('王** 138****5678; 赵*')
  })

  test('whistle calls, sites, alerts, call-backs: the JSON list\'s rows', async () => {
    expect((await t.post('/api/whistles', { township: LUOYANG, department: 'enforcement', kind: 'joint-enforcement', reason: '测试' })).status).toBe(201)
    for (const path of ['/api/whistles', '/api/sites', '/api/alerts', '/api/callbacks']) {
      const json = await walk(path)
      const { rows } = await csvOf(`${path}?format=csv`)
      expect(rows[0]![0], path).toBe('编号')
      expect(rows.slice(1).map((r) => Number(r[0])), path).toEqual(json.map((f) => f.id))
      const x = await xlsxOf(`${path}?format=xlsx&lang=en`)
      expect(x.rows[0]![0]).toBe('ID')
      expect(x.rows.length, path).toBe(json.length + 1)
    }
    const whistle = (await csvOf('/api/whistles?format=csv')).rows[1]!
    expect(whistle.slice(2, 4)).toEqual(['罗阳镇', '县综合行政执法局'])
  })

  test('the audit log: administrators only, its entries newest first', async () => {
    const admin = await t.adminSession('export-admin', 'export-password-1')
    const res = await t.app.request('/api/audit?format=csv', { headers: { Cookie: admin } })
    expect(res.status).toBe(200)
    const rows = parse((await res.text()).replace(/^\uFEFF/, '')) as string[][]
    const json = (await t.json('/api/audit?limit=1000', { headers: { Cookie: admin } }, null)).body.entries
    // The export itself is audited after the count: the CSV holds the entries before it.
    expect(rows.slice(1).map((r) => Number(r[0]))).toEqual(json.slice(1).map((e: { id: number }) => e.id))
    expect((await get('/api/audit?format=csv')).status).toBe(403)
  })
})

describe('asOf: an export as the list stood then', () => {
  test('incidents, disputes and sites exported later with asOf=T are the exports taken at T, row for row the JSON list as of T', async () => {
    t.clock.now += HOUR
    const start = new Date(t.clock.now).toISOString()
    const changed = (await t.post('/api/incidents', { ...base, description: '测试：之后受理' })).body.id as number
    expect((await t.post('/api/incidents', { ...base, description: '测试：不变', severity: 'normal' })).status).toBe(201)
    const dispute = (await t.post('/api/disputes', { type: 'land-forest', point: LUOYANG_WGS84, description: '测试：之后开始调处', parties: [{ name: '王小五' }] })).body.id as number
    // A site due half an hour after T: not overdue then, overdue later, and inspected after T.
    // (Red: every 30 days; never inspected, so due 30 days after its registration.)
    const registeredAt = t.clock.now - 30 * DAY + 40 * 60_000
    const site = await insertSite(t.store, { registeredAt, nextInspectionDue: registeredAt + 30 * DAY, grid: GRIDS.luoyangA })
    t.clock.now += 10 * 60_000
    const asOf = t.clock.now
    const paths = [`/api/incidents?from=${encodeURIComponent(start)}`, `/api/disputes?from=${encodeURIComponent(start)}`, '/api/sites?grade=red']
    const then = new Map<string, string>()
    for (const path of paths) then.set(path, (await csvOf(`${path}&format=csv`)).text)

    // After T: the records move on, and new ones come.
    t.clock.now += HOUR
    await t.services.incidents.transition(changed, { action: 'accept' } as never)
    await t.services.incidents.transition(changed, { action: 'dispatch' } as never)
    await t.services.disputes.transition(dispute, { action: 'start' } as never)
    expect((await t.post('/api/incidents', { ...base, description: '测试：T 之后上报' })).status).toBe(201)
    await insertSite(t.store, { registeredAt: t.clock.now, nextInspectionDue: t.clock.now + 30 * DAY, grid: GRIDS.luoyangA })
    await t.services.sites.inspect(site, { result: 'pass', mobile: false, offSite: false })
    t.clock.now += HOUR

    for (const path of paths) {
      const now = await csvOf(`${path}&format=csv`)
      expect(now.text, `${path} changed since T (else this proves nothing)`).not.toBe(then.get(path))
      const past = await csvOf(`${path}&asOf=${asOf}&format=csv`)
      expect(past.text, path).toBe(then.get(path))
      const json = await walk(`${path}&asOf=${asOf}`)
      expect(past.rows.slice(1).map((r) => Number(r[0])), path).toEqual(json.map((f) => f.id))
      expect(past.res.headers.get('x-export-rows'), path).toBe(String(json.length))
    }
    const x = await xlsxOf(`${paths[0]}&asOf=${asOf}&format=xlsx`)
    const head = x.rows[0]!
    expect(x.rows.slice(1).map((r) => r[0])).toEqual((await walk(`${paths[0]}&asOf=${asOf}`)).map((f) => f.id))
    expect(x.rows.find((r) => r[0] === changed)![head.indexOf('状态')]).toBe('上报')
    // A future asOf is refused as the JSON list refuses it.
    await rejected(() => t.json(`${paths[0]}&asOf=${t.clock.now + DAY}&format=csv`), 422, 'future_as_of', /future/)
  })
})
