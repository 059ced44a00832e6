// One evaluation of the warning rules: read the parameters in force, have each wired rule's findings computed
// (rule-findings.ts: in this thread, or in the evaluation's worker thread once `computeWith` hands it one), reconcile
// what was found with the open alerts here, on the store's writing connection, and — in a full evaluation — clear
// the alerts nobody took up whose condition has gone. Evaluations of one process run one at a time (a queue), so a
// full one and an incremental one never reconcile the same subject at once; across processes the lease
// (schedule.ts) lets one process evaluate.
import { SPIKE_RULE } from '../../../domain/alerts/spike'
import type { Store } from '../../store'
import type { AlertPlaces } from './alert-record'
import type { ReconcileResult } from './reconcile'
import { alertWriter } from './reconcile'
import type { FindingsSource, RulePlaces } from './rule-findings'
import { WIRED_RULES, inProcessFindings } from './rule-findings'
import type { RuleParamsService } from './rule-params'

export interface EvaluatorDeps {
  store: Store
  places: AlertPlaces
  ruleParams: RuleParamsService
  rulePlaces: RulePlaces
}

/** What one evaluation did, per rule, and how long it took (ms). */
export interface EvaluationReport {
  at: number
  mode: 'full' | 'incremental'
  ms: number
  /** Per rule: `ms` finding and reconciling together, `reconcileMs` the part spent reconciling in this thread. */
  rules: Record<string, ReconcileResult & { findings: number; ms: number; reconcileMs: number }>
  cleared: number
}

export function alertEvaluator({ store, places, ruleParams, rulePlaces }: EvaluatorDeps) {
  const writer = alertWriter(store, places)
  const here = inProcessFindings(store, rulePlaces)
  /**
   * Where the findings are computed, incremental evaluations' too: at 1M incidents one grid's spike inputs took
   * 35 ms at the median but over a second at the 95th percentile (a busy grid's baseline weeks), a second the event
   * loop would not answer anything; through the worker it costs a round trip more and blocks nothing.
   */
  let source: FindingsSource = here
  /** The rules a report in a grid can change at once: an incremental evaluation runs these for that grid only. */
  const INCREMENTAL = [SPIKE_RULE.id]

  let queue: Promise<unknown> = Promise.resolve()
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn)
    queue = run.catch(() => undefined)
    return run
  }

  async function run(mode: EvaluationReport['mode'], now: number, ids: readonly string[], grids?: readonly string[], clear = mode === 'full'): Promise<EvaluationReport> {
    const started = performance.now()
    const params = await ruleParams.current()
    const report: EvaluationReport = { at: now, mode, ms: 0, rules: {}, cleared: 0 }
    const found = await source({ now, rules: ids.map((id) => ({ id, params: params.get(id)!.values })), grids })
    for (const { rule, findings, ms } of found) {
      const t = performance.now()
      const result = await writer.reconcile(rule, findings, now, params.get(rule)!.version)
      const reconcileMs = Math.round(performance.now() - t)
      report.rules[rule] = { ...result, findings: findings.length, ms: ms + reconcileMs, reconcileMs }
    }
    if (clear) report.cleared = await writer.clearUnattended(now)
    report.ms = Math.round(performance.now() - started)
    return report
  }

  return {
    wiredRules: WIRED_RULES,
    /** Every wired rule over the whole county, then the automatic clear. */
    full: (now: number) => serial(() => run('full', now, WIRED_RULES)),
    /** The rules a new report can set off, for the grids that just had reports. */
    incremental: (now: number, grids: readonly string[]) => serial(() => run('incremental', now, INCREMENTAL, grids)),
    /** Some of the rules over the whole county, and the automatic clear when asked: a replay of the past steps each rule at its own pace. */
    rules: (now: number, ids: readonly string[], clear: boolean) => serial(() => run('full', now, ids, undefined, clear)),
    publish: writer.publish,
    /**
     * Computes the findings with `elsewhere` (the worker thread) from now on; the function returned goes back to
     * computing them here. The reconcile stays in this thread either way.
     */
    computeWith(elsewhere: FindingsSource): () => void {
      source = elsewhere
      return () => { if (source === elsewhere) source = here }
    },
  }
}
export type AlertEvaluator = ReturnType<typeof alertEvaluator>
