// One backtest: seed the preset into a throw-away SQLite file (or take a seeded one), replay its history through
// the warning rules, score the alerts against what the seed planted.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { PlantedManifest } from '../../api/seed/planted-history'
import type { SeedPreset } from '../../api/seed/seed'
import { seedStore } from '../../api/seed/seed-store'
import { loadRegions } from '../../api/services/regions'
import { openStore } from '../../api/store'
import { replayAlerts } from './replay'
import type { BacktestScore, RaisedAlert } from './score'
import { scoreBacktest } from './score'

export interface BacktestOptions {
  /** The preset seeded afresh into a temporary file (demo when absent). */
  preset?: SeedPreset
  /** A seeded SQLite file instead of a fresh preset. */
  db?: string
  /** The fresh preset's clock (epoch ms). */
  now?: number
  stepMs?: number
  onDay?: (at: number, from: number, to: number) => void
}

export async function runBacktest(opts: BacktestOptions = {}): Promise<BacktestScore & { preset: string; ms: number }> {
  const started = performance.now()
  const dir = opts.db ? null : mkdtempSync(join(tmpdir(), 'onemap-backtest-'))
  const store = await openStore(opts.db ?? join(dir!, 'demo.db'))
  try {
    if (!opts.db) await seedStore(store, { preset: opts.preset ?? 'demo', now: opts.now ?? Date.now() })
    const meta = new Map((await store.sql.all<{ key: string; value: string }>('SELECT key, value FROM meta')).map((r) => [r.key, r.value]))
    const planted = meta.get('planted')
    if (!planted) throw new Error(`the database holds no planted anomalies (meta 'planted'): seed it with the demo or the taishun-2020 preset of this version (${meta.get('preset') ?? 'no preset'} found)`)
    const manifest = JSON.parse(planted) as PlantedManifest
    const from = Number(meta.get('period_from'))
    const to = Number(meta.get('period_to'))
    const { spikeFrom } = await replayAlerts({ store, regions: loadRegions(), from, to, stepMs: opts.stepMs, onDay: (at) => opts.onDay?.(at, from, to) })
    const alerts = (await store.sql.all<{ id: number; rule: string; subject: string; grid: string | null; raisedAt: number; evidence: string }>(
      'SELECT id, rule, subject, grid, raised_at AS "raisedAt", evidence FROM alerts ORDER BY id'))
      .map((a): RaisedAlert => ({ ...a, raisedAt: Number(a.raisedAt), evidence: JSON.parse(a.evidence) as RaisedAlert['evidence'] }))
    return { preset: meta.get('preset') ?? '?', ...scoreBacktest(manifest, alerts, { from, to, spikeFrom }), ms: Math.round(performance.now() - started) }
  } finally {
    await store.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  }
}
