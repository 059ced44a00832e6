// Intake through the service (issue 3 §6: ≥ 2,000 incidents/s; issue 6 bar 4: 500 a transaction ≥ 20× one
// transaction per row), in-process on a scratch copy of a benchmark database so the cached one stays as built.
// services.incidents.create is what POST /api/incidents calls after parsing: spatial assignment, routing,
// deadlines, the row, its history row and its change-feed event, committed with the server's own durability
// settings (WAL, synchronous=FULL). There is no batch intake API yet, so "batched" wraps 500 creates in one
// store.transaction (nested transactions join the outer one). Both modes alternate in rounds on the same file.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createApp } from '../api/app'
import { loadRegions } from '../api/services/regions'
import type { Regions } from '../api/services/regions'
import { openStore } from '../api/store'
import type { Dataset } from './datasets'
import { incidentInputs } from './inputs'
import { timed } from './stats'

export const BATCH = 500

export interface Rate { rows: number; seconds: number; perSecond: number }

export interface IntakeResult {
  scale: number
  /** One transaction (and one WAL sync) per incident: the POST /api/incidents path. */
  perRow: Rate
  /** BATCH creates per store.transaction. */
  batched: Rate
  /** batched ÷ perRow. */
  ratio: number
  /** Diagnostic, not the product's setting: per-row with synchronous=NORMAL, to show what the per-commit sync costs. */
  perRowSyncNormal: Rate
}

let regions: Regions | undefined

export function benchIntake(ds: Dataset, opts: { rounds: number; perRowRows: number; batchedRows: number }): IntakeResult {
  regions ??= loadRegions()
  const dir = mkdtempSync(join(tmpdir(), 'onemap-bench-intake-'))
  const path = join(dir, 'intake.db')
  copyFileSync(ds.path, path)
  const store = openStore(path)
  try {
    const { services } = createApp({ regions, store, now: () => ds.now })
    const total = opts.rounds * (opts.perRowRows + opts.batchedRows) + opts.perRowRows + 200
    const inputs = incidentInputs(total, `bench-intake-${ds.scale}`)
    let next = 0
    const take = () => {
      const input = inputs[next++]
      if (!input) throw new Error('ran out of intake inputs')
      return input
    }
    // Warm-up (JIT, statement preparation, page cache), not counted.
    for (let i = 0; i < 100; i++) services.incidents.create(take())
    store.transaction(() => { for (let i = 0; i < 100; i++) services.incidents.create(take()) })

    const perRow = { rows: 0, ms: 0 }
    const batched = { rows: 0, ms: 0 }
    for (let r = 0; r < opts.rounds; r++) {
      perRow.ms += timed(() => { for (let i = 0; i < opts.perRowRows; i++) services.incidents.create(take()) })
      perRow.rows += opts.perRowRows
      batched.ms += timed(() => {
        for (let done = 0; done < opts.batchedRows; done += BATCH) {
          store.transaction(() => { for (let i = 0; i < BATCH; i++) services.incidents.create(take()) })
        }
      })
      batched.rows += Math.ceil(opts.batchedRows / BATCH) * BATCH
    }
    store.db.pragma('synchronous = NORMAL')
    const normalMs = timed(() => { for (let i = 0; i < opts.perRowRows; i++) services.incidents.create(take()) })
    const rate = (rows: number, ms: number): Rate => ({ rows, seconds: ms / 1000, perSecond: rows / (ms / 1000) })
    const a = rate(perRow.rows, perRow.ms)
    const b = rate(batched.rows, batched.ms)
    return { scale: ds.scale, perRow: a, batched: b, ratio: b.perSecond / a.perSecond, perRowSyncNormal: rate(opts.perRowRows, normalMs) }
  } finally {
    store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
