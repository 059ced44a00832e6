// Two transitions of one incident at once cannot both apply: the row is locked for the transaction (PostgreSQL
// SELECT … FOR UPDATE; SQLite runs one write transaction at a time), so the second is judged on the state the
// first left and refused, and history holds one step.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { testApp } from '../support/app'
import type { TestApp } from '../support/app'

const LUOYANG_WGS84 = { lng: 119.708034, lat: 27.559551 }
let t: TestApp
beforeAll(async () => { t = await testApp() })
afterAll(async () => await t.close())

test.each([
  ['the same action twice', [], 'accept', 'accept'],
  // From accepted, 交办 and 退回 are both allowed; after either, the other is not.
  ['two different actions from one state', ['accept'], 'dispatch', 'return'],
])('%s at once: one 200, one 409, one history step', async (_name, before, first, second) => {
  const { body } = await t.post('/api/incidents', {
    type: 'penalty-evidence', point: LUOYANG_WGS84, description: '测试：并发', source: 'department',
  })
  const officer = await t.token('township', { township: body.township })
  const path = `/api/incidents/${body.id}/transitions`
  for (const action of before) expect((await t.post(path, { action })).status).toBe(200)
  const answers = await Promise.all([
    t.post(path, { action: first, note: '甲' }),
    t.post(path, { action: second, note: '乙' }, {}, officer),
  ])
  expect(answers.map((a) => a.status).sort()).toEqual([200, 409])
  expect(answers.find((a) => a.status === 409)!.body.error.code).toBe('invalid_transition')
  const history = (await t.json(`/api/incidents/${body.id}`)).body.history
  expect(history).toHaveLength(2 + before.length) // report, the steps before, and the one that applied
  expect(await t.store.sql.get<{ n: number }>('SELECT count(*) AS n FROM events WHERE entity_id = ? AND kind = ?', [body.id, 'incident.updated']))
    .toEqual({ n: 1 + before.length })
})
