// Intake through the service on either engine, in-process on a scratch copy of a benchmark database (the cached
// one stays as built): services.incidents.create, one transaction per incident (POST /api/incidents), called
// one after another and from CONCURRENT callers at once (as many clients posting to one server), and
// services.incidents.createMany, BATCH per transaction (POST /api/incidents/batch). The modes alternate in
// rounds on the same database. Each engine runs with its product durability: SQLite WAL + synchronous=NORMAL,
// PostgreSQL as the cluster is set (the benchmark's cluster keeps fsync and synchronous_commit on: every
// commit waits for its WAL flush).
import { createApp } from '../api/app'
import { loadRegions } from '../api/services/regions'
import type { Regions } from '../api/services/regions'
import type { Store } from '../api/store'
import { incidentInputs } from './inputs'

export const BATCH = 500
export const CONCURRENT = 16

/**
 * cpuMsPerRow: CPU per incident of this process (the service, the driver) plus, when the caller can see them, the
 * database's processes (PostgreSQL's cluster; SQLite runs in this process): how many cores a rate needs is
 * rate × cpuMsPerRow / 1000, whatever else the machine runs.
 */
export interface Rate { rows: number; seconds: number; perSecond: number; cpuMsPerRow: number | null }
/** CPU-seconds of the database's own processes so far, or null when they are not visible (SQLite: none). */
export type DatabaseCpu = () => number | null
export interface EngineIntake { perRow: Rate; perRowConcurrent: Rate; batched: Rate }

/**
 * Diagnostics, not the product: one transaction per incident from CONCURRENT callers with the change feed's
 * lock made a no-op (what group commit would give if the feed did not hold its lock through the commit's WAL
 * flush), and one after another with synchronous_commit=off (the commit's flush taken out).
 */
export interface IntakeDiagnostics { concurrentNoFeedLock: Rate; perRowAsyncCommit: Rate }

let regions: Regions | undefined

export async function benchEngineIntake(store: Store, now: number, stream: string,
  opts: { rounds: number; perRowRows: number; batchedRows: number }, databaseCpu: DatabaseCpu = () => 0): Promise<EngineIntake> {
  regions ??= loadRegions()
  const { services, bus } = await createApp({ regions, store, now: () => now })
  const total = opts.rounds * (2 * opts.perRowRows + opts.batchedRows) + 2 * BATCH + 400
  const inputs = incidentInputs(total, stream)
  let next = 0
  const take = (n: number) => {
    if (next + n > inputs.length) throw new Error('ran out of intake inputs')
    return inputs.slice(next, (next += n))
  }
  const timed = timedWithCpu(databaseCpu)
  const perRow = (rows: number) => timed(async () => { for (const input of take(rows)) await services.incidents.create(input) })
  const perRowConcurrent = (rows: number) => timed(async () => {
    const queue = take(rows)
    await Promise.all(Array.from({ length: CONCURRENT }, async () => {
      for (let input = queue.pop(); input; input = queue.pop()) await services.incidents.create(input)
    }))
  })
  const batched = (rows: number) => timed(async () => { for (let done = 0; done < rows; done += BATCH) await services.incidents.createMany(take(BATCH)) })
  // Warm-up (JIT, statement preparation, caches), not counted.
  await perRow(200)
  await perRowConcurrent(200)
  await batched(BATCH)
  const sums = { one: new Sum(), conc: new Sum(), many: new Sum() }
  for (let r = 0; r < opts.rounds; r++) {
    sums.one.add(opts.perRowRows, await perRow(opts.perRowRows))
    sums.conc.add(opts.perRowRows, await perRowConcurrent(opts.perRowRows))
    sums.many.add(Math.ceil(opts.batchedRows / BATCH) * BATCH, await batched(opts.batchedRows))
  }
  // The change feed is read after each commit: let the last read end before the caller closes the store.
  await bus.notify()
  return { perRow: sums.one.rate(), perRowConcurrent: sums.conc.rate(), batched: sums.many.rate() }
}

/** `store`: the scratch database as usual; `asyncStore`: the same database, opened after
 * `ALTER DATABASE … SET synchronous_commit = off`. */
export async function intakeDiagnostics(store: Store, asyncStore: () => Promise<Store>, now: number, stream: string, rows: number,
  databaseCpu: DatabaseCpu = () => 0): Promise<IntakeDiagnostics> {
  regions ??= loadRegions()
  const inputs = incidentInputs(2 * rows + 400, `${stream}:diagnostics`)
  const timed = timedWithCpu(databaseCpu)
  const concurrently = (create: (i: (typeof inputs)[number]) => Promise<unknown>, queue: typeof inputs) =>
    Promise.all(Array.from({ length: CONCURRENT }, async () => { for (let i = queue.pop(); i; i = queue.pop()) await create(i) }))

  const { services, bus } = await createApp({ regions, store, now: () => now })
  const sql = store.sql as { exclusive: (name: string) => Promise<void> }
  const exclusive = sql.exclusive
  sql.exclusive = async () => {}
  let spent: Spent
  try {
    await concurrently((i) => services.incidents.create(i), inputs.slice(0, 200))
    spent = await timed(() => concurrently((i) => services.incidents.create(i), inputs.slice(200, 200 + rows)))
  } finally {
    sql.exclusive = exclusive
  }
  await bus.notify()
  const other = await asyncStore()
  try {
    const app = await createApp({ regions, store: other, now: () => now })
    for (const i of inputs.slice(200 + rows, 400 + rows)) await app.services.incidents.create(i)
    const asyncSpent = await timed(async () => { for (const i of inputs.slice(400 + rows, 400 + 2 * rows)) await app.services.incidents.create(i) })
    await app.bus.notify()
    return { concurrentNoFeedLock: new Sum().add(rows, spent).rate(), perRowAsyncCommit: new Sum().add(rows, asyncSpent).rate() }
  } finally {
    await other.close()
  }
}

/** Wall-clock and CPU milliseconds of one timed step (CPU null when the database's is not visible). */
interface Spent { ms: number; cpuMs: number | null }

function timedWithCpu(databaseCpu: DatabaseCpu) {
  const cpuMs = () => {
    const db = databaseCpu()
    if (db === null) return null
    const own = process.cpuUsage()
    return (own.user + own.system) / 1000 + db * 1000
  }
  return async (fn: () => Promise<unknown>): Promise<Spent> => {
    const c0 = cpuMs()
    const t0 = performance.now()
    await fn()
    const ms = performance.now() - t0
    const c1 = cpuMs()
    return { ms, cpuMs: c0 === null || c1 === null ? null : c1 - c0 }
  }
}

class Sum {
  rows = 0
  ms = 0
  cpuMs: number | null = 0
  add(rows: number, spent: Spent): this {
    this.rows += rows
    this.ms += spent.ms
    this.cpuMs = this.cpuMs === null || spent.cpuMs === null ? null : this.cpuMs + spent.cpuMs
    return this
  }
  rate(): Rate {
    return { rows: this.rows, seconds: this.ms / 1000, perSecond: this.rows / (this.ms / 1000), cpuMsPerRow: this.cpuMs === null ? null : this.cpuMs / this.rows }
  }
}
