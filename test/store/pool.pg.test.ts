// DATABASE_POOL reaches the driver: a store opened with a pool of 2 never holds more than 2 connections, however
// many statements wait, and a pool of 6 runs 6 at once.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { openStore } from '../../api/store'
import { freshStorePlace } from '../support/engine'
import type { StorePlace } from '../support/engine'

let place: StorePlace
beforeAll(async () => { place = await freshStorePlace('postgres') })
afterAll(async () => { await place.drop() })

async function backendsUsed(pool: number): Promise<number> {
  const store = await openStore(place.location, { pool })
  try {
    const rows = await Promise.all(Array.from({ length: 8 }, () =>
      store.sql.get<{ pid: number }>('SELECT pg_backend_pid() AS pid, pg_sleep(0.2) AS slept')))
    return new Set(rows.map((r) => r!.pid)).size
  } finally {
    await store.close()
  }
}

test('the pool size bounds the connections a store holds', async () => {
  expect(await backendsUsed(2)).toBe(2)
  expect(await backendsUsed(6)).toBe(6)
})
