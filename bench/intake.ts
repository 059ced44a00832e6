// Intake through the service (target ≥ 2,000 incidents/s; bar 4: 500 a transaction ≥ 20× one
// transaction per row), in-process on a scratch copy of a benchmark database so the cached one stays as built.
// services.incidents.create is what POST /api/incidents calls after parsing: spatial assignment, routing,
// deadlines, the row, its history row and its change-feed event, one transaction. services.incidents.createMany is
// what POST /api/incidents/batch calls: the same per incident, 500 in one transaction. Both run with the server's
// own durability settings (openStore: WAL, synchronous=NORMAL, where a commit survives a crash of the process
// and costs a WAL write but no fsync). The two modes alternate in rounds on the same file. A diagnostic runs both
// again with synchronous=FULL (an fsync per commit), where the commit's cost dominates the per-row mode.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createApp } from '../api/app'
import { loadRegions } from '../api/services/regions'
import type { Regions } from '../api/services/regions'
import { openStore } from '../api/store'
import type { Dataset } from './datasets'
import { incidentInputs } from './inputs'
import { timedAsync } from './stats'

export const BATCH = 500

export interface Rate { rows: number; seconds: number; perSecond: number }

export interface IntakeResult {
  scale: number
  /** One transaction per incident: the POST /api/incidents path. */
  perRow: Rate
  /** BATCH incidents per createMany: the POST /api/incidents/batch path. */
  batched: Rate
  /** batched ÷ perRow. */
  ratio: number
  /** Diagnostic, not the product's setting: both modes with synchronous=FULL (an fsync per commit). */
  syncFull: { perRow: Rate; batched: Rate; ratio: number }
}

let regions: Regions | undefined

export async function benchIntake(ds: Dataset, opts: { rounds: number; perRowRows: number; batchedRows: number; fullRows: number }): Promise<IntakeResult> {
  regions ??= loadRegions()
  const dir = mkdtempSync(join(tmpdir(), 'onemap-bench-intake-'))
  const path = join(dir, 'intake.db')
  copyFileSync(ds.path, path)
  const store = await openStore(path)
  try {
    // The diagnostic below sets SQLite's synchronous pragma on the store's own connection.
    if (store.native.engine !== 'sqlite') throw new Error('intake: the SQLite benchmark needs a SQLite store')
    const db = store.native.db
    const { services, bus } = await createApp({ regions, store, now: () => ds.now })
    const total = opts.rounds * (opts.perRowRows + opts.batchedRows) + 2 * opts.fullRows + 2 * BATCH + 200
    const inputs = incidentInputs(total, `bench-intake-${ds.scale}`)
    let next = 0
    const take = (n: number) => {
      if (next + n > inputs.length) throw new Error('ran out of intake inputs')
      return inputs.slice(next, (next += n))
    }
    const perRow = (rows: number) => timedAsync(async () => { for (const input of take(rows)) await services.incidents.create(input) })
    const batched = (rows: number) => timedAsync(async () => { for (let done = 0; done < rows; done += BATCH) await services.incidents.createMany(take(BATCH)) })
    // Warm-up (JIT, statement preparation, page cache), not counted.
    await perRow(200)
    await batched(BATCH)

    const one = { rows: 0, ms: 0 }
    const many = { rows: 0, ms: 0 }
    for (let r = 0; r < opts.rounds; r++) {
      one.ms += await perRow(opts.perRowRows)
      one.rows += opts.perRowRows
      many.ms += await batched(opts.batchedRows)
      many.rows += Math.ceil(opts.batchedRows / BATCH) * BATCH
    }
    db.pragma('synchronous = FULL')
    const fullOne = rate(opts.fullRows, await perRow(opts.fullRows))
    const fullManyRows = Math.ceil(opts.fullRows / BATCH) * BATCH
    const fullMany = rate(fullManyRows, await batched(fullManyRows))
    const a = rate(one.rows, one.ms)
    const b = rate(many.rows, many.ms)
    // The change feed is read after each commit: let the last read end before the store closes.
    await bus.notify()
    return {
      scale: ds.scale, perRow: a, batched: b, ratio: b.perSecond / a.perSecond,
      syncFull: { perRow: fullOne, batched: fullMany, ratio: fullMany.perSecond / fullOne.perSecond },
    }
  } finally {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

const rate = (rows: number, ms: number): Rate => ({ rows, seconds: ms / 1000, perSecond: rows / (ms / 1000) })
