// One evaluation of the warning rules: read the parameters in force, run each wired rule over the store (its
// *-findings.ts module gathers the inputs and asks the domain rule), reconcile what it found with the open alerts,
// and — in a full evaluation — clear the alerts nobody took up whose condition has gone. Evaluations of one
// process run one at a time (a queue), so a full one and an incremental one never reconcile the same subject at
// once; across processes the lease (schedule.ts) lets one process evaluate.
import { DISPUTE_ESCALATION_RULE } from '../../../domain/alerts/dispute-escalation'
import { OVERDUE_PILE_UP_RULE } from '../../../domain/alerts/overdue-pile-up'
import { REPEAT_PLACE_RULE } from '../../../domain/alerts/repeat-place'
import { SITE_RISK_RULE } from '../../../domain/alerts/site-risk'
import { SPIKE_RULE } from '../../../domain/alerts/spike'
import { WHISTLE_UNANSWERED_RULE } from '../../../domain/alerts/whistle-unanswered'
import type { ParamValues } from '../../../domain/alerts/rule'
import type { Store } from '../../store'
import type { AlertPlaces } from './alert-record'
import { disputeFindings } from './dispute-findings'
import type { Finding } from './finding'
import { overdueFindings } from './overdue-findings'
import type { ReconcileResult } from './reconcile'
import { alertWriter } from './reconcile'
import { repeatPlaceFindings } from './repeat-place-findings'
import type { RuleParamsService } from './rule-params'
import { siteFindings } from './site-findings'
import { spikeFindings } from './spike-findings'
import { whistleFindings } from './whistle-findings'

interface RuleRun { store: Store; now: number; params: ParamValues; grids?: readonly string[] | undefined }

export interface EvaluatorDeps {
  store: Store
  places: AlertPlaces
  ruleParams: RuleParamsService
  gridsPerTownship: ReadonlyMap<string, number>
}

/** What one evaluation did, per rule, and how long it took (ms). */
export interface EvaluationReport {
  at: number
  mode: 'full' | 'incremental'
  ms: number
  rules: Record<string, ReconcileResult & { findings: number; ms: number }>
  cleared: number
}

export function alertEvaluator({ store, places, ruleParams, gridsPerTownship }: EvaluatorDeps) {
  const writer = alertWriter(store, places)
  /** The wired rules, by id (all six of domain/alerts/rules.ts). */
  const RULES: Record<string, (run: RuleRun) => Promise<Finding[]>> = {
    [SPIKE_RULE.id]: (r) => spikeFindings({ ...r, gridsPerTownship }),
    [OVERDUE_PILE_UP_RULE.id]: (r) => overdueFindings(r.store, r.now, r.params),
    [WHISTLE_UNANSWERED_RULE.id]: (r) => whistleFindings(r.store, r.now, r.params, places.seat),
    [SITE_RISK_RULE.id]: (r) => siteFindings(r.store, r.now, r.params),
    [REPEAT_PLACE_RULE.id]: (r) => repeatPlaceFindings(r.store, r.now, r.params),
    [DISPUTE_ESCALATION_RULE.id]: (r) => disputeFindings(r.store, r.now, r.params),
  }
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
    for (const id of ids) {
      const t = performance.now()
      const { values, version } = params.get(id)!
      const findings = await RULES[id]!({ store, now, params: values, grids })
      const result = await writer.reconcile(id, findings, now, version)
      report.rules[id] = { ...result, findings: findings.length, ms: Math.round(performance.now() - t) }
    }
    if (clear) report.cleared = await writer.clearUnattended(now)
    report.ms = Math.round(performance.now() - started)
    return report
  }

  return {
    wiredRules: Object.keys(RULES),
    /** Every wired rule over the whole county, then the automatic clear. */
    full: (now: number) => serial(() => run('full', now, Object.keys(RULES))),
    /** The rules a new report can set off, for the grids that just had reports. */
    incremental: (now: number, grids: readonly string[]) => serial(() => run('incremental', now, INCREMENTAL, grids)),
    /** Some of the rules over the whole county, and the automatic clear when asked: a replay of the past steps each rule at its own pace. */
    rules: (now: number, ids: readonly string[], clear: boolean) => serial(() => run('full', now, ids, undefined, clear)),
    publish: writer.publish,
  }
}
export type AlertEvaluator = ReturnType<typeof alertEvaluator>
