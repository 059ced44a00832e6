import { afterAll, beforeAll, expect, test } from 'vitest'
import { readSeedRegions } from '../../api/seed/geodata'
import { startSimulator } from '../../api/seed/simulator'
import { testApp } from '../support/app'
import type { TestApp } from '../support/app'

let t: TestApp
beforeAll(async () => { t = await testApp() })
afterAll(async () => await t.close())

test('the simulator writes through the services: records, history and stream events, all valid', async () => {
  const sim = startSimulator(t.services, readSeedRegions(), { rate: 10, intervalMs: 3_600_000, seed: 7 })
  try {
    for (let i = 0; i < 20; i++) {
      await sim.tick()
      t.clock.now += 60_000
    }
  } finally {
    sim.stop()
  }
  expect(await t.count('incidents')).toBeGreaterThan(100)
  expect(await t.count('disputes')).toBeGreaterThan(3)
  expect(await t.count('whistles')).toBeGreaterThan(2)
  // Incidents advanced along their life cycle, each move in the history.
  const advanced = (await t.store.sql.get("SELECT count(*) AS n FROM incidents WHERE status <> 'reported'")) as { n: number }
  expect(advanced.n).toBeGreaterThan(20)
  expect(await t.count('incident_events')).toBeGreaterThan(await t.count('incidents'))
  // Every write produced a change-feed event, and every incident is inside the county with a grid.
  expect(await t.count('events')).toBeGreaterThanOrEqual(await t.count('incidents') + await t.count('disputes') + await t.count('whistles'))
  const orphans = (await t.store.sql.get("SELECT count(*) AS n FROM incidents WHERE length(grid) <> 14 OR synthetic <> 1")) as { n: number }
  expect(orphans.n).toBe(0)
})
