// Work that runs in one process at a time among those sharing a PostgreSQL: exactly one of two holds the lease,
// the other takes it over when the holder stops or loses its connection, and a holder that loses it stops its work.
import { setTimeout as sleep } from 'node:timers/promises'
import postgres from 'postgres'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { holdLease } from '../../api/store/postgres-lease'
import type { Lease } from '../../api/store/postgres-lease'
import { freshStorePlace } from '../support/engine'
import type { StorePlace } from '../support/engine'

const ASK_MS = 100
let place: StorePlace
beforeAll(async () => { place = await freshStorePlace('postgres') })
afterAll(async () => { await place.drop() })

/** A process's share of the work: how often it started and stopped. */
function worker() {
  const w = { running: 0, starts: 0, stops: 0, lease: null as Lease | null }
  w.lease = holdLease(place.location, 'test-work', () => {
    w.running++; w.starts++
    return () => { w.running--; w.stops++ }
  }, ASK_MS)
  return w
}

async function until(cond: () => boolean, ms = 5_000) {
  for (const end = Date.now() + ms; !cond(); await sleep(20)) if (Date.now() > end) throw new Error('condition not met in time')
}

test('one of two processes runs the work; the other takes over when it stops, then when its connection is lost', async () => {
  const a = worker()
  const b = worker()
  await until(() => a.running + b.running === 1)
  await sleep(5 * ASK_MS)
  expect(a.running + b.running).toBe(1)
  const [holder, other] = a.running ? [a, b] : [b, a]
  expect(holder.lease!.held).toBe(true)
  expect(other.lease!.held).toBe(false)

  await holder.lease!.stop()
  expect(holder.stops).toBe(1)
  await until(() => other.running === 1)

  // The new holder's connection is cut (as when the database restarts): it stops its work; with a third process
  // waiting, one of them runs it again, never both.
  const c = worker()
  const admin = postgres(place.location, { max: 1, onnotice: () => {} })
  await admin`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
    WHERE application_name = 'onemap-lease-test-work' AND datname = current_database()`
  await admin.end()
  await until(() => other.stops === 1)
  await until(() => other.running + c.running === 1)
  await sleep(5 * ASK_MS)
  expect(other.running + c.running).toBe(1)
  await other.lease!.stop()
  await c.lease!.stop()
  expect(other.running + c.running).toBe(0)
}, 20_000)
