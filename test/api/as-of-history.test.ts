// Property-style: a random history (reports and every action the state allows, at random times, seeded), with the
// API's answers recorded at random checkpoints while the clock stood there. At the end, each checkpoint's answers
// are asked again with asOf = the checkpoint: they must be what the API said then, on the run's engine.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { T0, testApp } from '../support/app'
import type { TestApp } from '../support/app'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const POINTS = [[119.708034, 27.559551], [119.70, 27.55], [119.85, 27.60]] as const
const SEVERITIES = ['normal', 'urgent', 'critical'] as const
const TYPES = ['road-occupation', 'food-safety', 'illegal-stacking'] as const
const PATHS = [
  '/api/metrics/summary',
  '/api/metrics/summary?scope=330329100',
  '/api/metrics/choropleth?metric=overdue',
  '/api/metrics/breakdown?metric=open&by=status',
  '/api/metrics/breakdown?metric=resolved&by=severity',
  '/api/incidents',
  '/api/incidents?overdue=true',
]

let t: TestApp
const checkpoints: { at: number; answers: Map<string, unknown> }[] = []
let steps = 0

beforeAll(async () => {
  t = await testApp(T0 - 20 * DAY)
  let seed = 20261207
  const random = () => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31 }
  const pick = <X>(xs: readonly X[]) => xs[Math.floor(random() * xs.length)]!
  const ids: number[] = []
  for (let i = 0; i < 160; i++) {
    t.clock.now += Math.floor(random() * 3 * HOUR)
    if (ids.length < 4 || random() < 0.3) {
      const [lng, lat] = pick(POINTS)
      ids.push((await t.services.incidents.create({ type: pick(TYPES), point: { lng, lat, crs: 'wgs84' }, description: '（合成）历史', source: 'patrol', severity: pick(SEVERITIES) } as never)).id)
    } else {
      const id = pick(ids)
      const record = await t.services.incidents.get(id)
      const allowed = record.allowedActions.filter((a: string) => a !== 'transfer')
      if (allowed.length === 0) continue
      const action = pick(allowed)
      const extra = action === 'requestExtension' ? { until: new Date(Date.parse(record.resolveBy!) + 3 * DAY).toISOString() } : {}
      await t.services.incidents.transition(id, { action, note: '（合成）', ...extra } as never)
      steps++
    }
    if (random() < 0.06) {
      const answers = new Map<string, unknown>()
      for (const path of PATHS) answers.set(path, (await t.json(path)).body)
      checkpoints.push({ at: t.clock.now, answers })
    }
  }
  t.clock.now += DAY
}, 120_000)
afterAll(async () => await t.close())

test('every checkpoint\'s answers, asked again as of the checkpoint, are what the API said then', async () => {
  expect(checkpoints.length).toBeGreaterThanOrEqual(4)
  expect(steps).toBeGreaterThan(60)
  for (const { at, answers } of checkpoints) {
    for (const [path, then] of answers) {
      const again = await t.json(`${path}${path.includes('?') ? '&' : '?'}asOf=${at}`)
      expect(again.status).toBe(200)
      expect(again.body, `${path} as of ${new Date(at).toISOString()}`).toEqual(then)
    }
  }
})
