// Every record written through the API carries its county's code, taken from its township (domain countyOf).
import { afterAll, beforeAll, expect, test } from 'vitest'
import { testApp } from '../support/app'
import type { TestApp } from '../support/app'

const LUOYANG = { lng: 119.708034, lat: 27.559551 } // 罗阳镇's seat
const NANPU = '330329111' // 南浦溪镇

let t: TestApp
beforeAll(async () => { t = await testApp() })
afterAll(async () => await t.close())

const countyOfRow = async (table: string, id: number) =>
  (await t.store.sql.get<{ county: string; township: string }>(`SELECT county, township FROM ${table} WHERE id = ?`, [id]))

test('a new incident, dispute and whistle get county 330329', async () => {
  const incident = await t.post('/api/incidents', { type: 'road-occupation', point: LUOYANG, description: '测试：占道经营', source: 'patrol', severity: 'normal' })
  expect(incident.status, JSON.stringify(incident.body)).toBe(201)
  const dispute = await t.post('/api/disputes', { type: 'land-forest', point: LUOYANG, description: '测试：山林界址争议', parties: [{ name: '王小五' }, { name: '赵六' }] })
  expect(dispute.status, JSON.stringify(dispute.body)).toBe(201)
  const whistle = await t.post('/api/whistles', { township: NANPU, department: 'enforcement', kind: 'joint-enforcement', reason: '测试：联合执法' })
  expect(whistle.status, JSON.stringify(whistle.body)).toBe(201)

  expect(await countyOfRow('incidents', incident.body.id)).toEqual({ county: '330329', township: '330329100' })
  expect(await countyOfRow('disputes', dispute.body.id)).toEqual({ county: '330329', township: '330329100' })
  expect(await countyOfRow('whistles', whistle.body.id)).toEqual({ county: '330329', township: NANPU })
})

test('a batch of incidents gets the county on every row', async () => {
  const res = await t.post('/api/incidents/batch', {
    incidents: [1, 2].map((i) => ({ type: 'road-occupation', point: LUOYANG, description: `测试：批量 ${i}`, source: 'patrol', severity: 'normal' })),
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  const ids = res.body.incidents.map((r: { id: number }) => r.id)
  expect(ids).toHaveLength(2)
  for (const id of ids) expect((await countyOfRow('incidents', id))!.county).toBe('330329')
})

test('the answers do not grow a county field while one county is stored', async () => {
  const res = await t.post('/api/incidents', { type: 'road-occupation', point: LUOYANG, description: '测试：字段', source: 'patrol', severity: 'normal' })
  expect(res.body).not.toHaveProperty('county')
})

test('the database lists its county once, and refuses a row whose county is not its township\'s', async () => {
  expect(await t.store.sql.all('SELECT code, name FROM counties')).toEqual([{ code: '330329', name: '泰顺县' }])
  await expect(t.store.sql.run(`INSERT INTO flexible_posts (township, posts, county) VALUES ('330329100', 1, '330328')`))
    .rejects.toThrow(/county_of_township|check constraint/i)
})
