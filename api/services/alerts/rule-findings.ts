// What each wired rule found, without writing anything: the rules' *-findings.ts modules over a store that is only
// read. The same table runs in the API's own thread (an incremental evaluation, tests, the backtest's replay) and
// in the evaluation's worker thread (findings-worker.ts), so the two cannot judge differently; the reconcile
// (reconcile.ts) stays with the caller, which owns the writing connection.
import { DISPUTE_ESCALATION_RULE } from '../../../domain/alerts/dispute-escalation'
import { OVERDUE_PILE_UP_RULE } from '../../../domain/alerts/overdue-pile-up'
import { REPEAT_PLACE_RULE } from '../../../domain/alerts/repeat-place'
import { SITE_RISK_RULE } from '../../../domain/alerts/site-risk'
import { SPIKE_RULE } from '../../../domain/alerts/spike'
import { WHISTLE_UNANSWERED_RULE } from '../../../domain/alerts/whistle-unanswered'
import type { ParamValues } from '../../../domain/alerts/rule'
import type { Store } from '../../store'
import { disputeFindings } from './dispute-findings'
import type { Finding } from './finding'
import { overdueFindings } from './overdue-findings'
import { repeatPlaceFindings } from './repeat-place-findings'
import { siteFindings } from './site-findings'
import { spikeFindings } from './spike-findings'
import { whistleFindings } from './whistle-findings'

/** The facts about places the rules need besides the store; plain data, so it can be handed to a worker thread. */
export interface RulePlaces {
  /** How many grids each township has (the spike rule's prior is a mean per grid). */
  gridsPerTownship: ReadonlyMap<string, number>
  /** Each township's seat (where a late whistle call's alert stands). */
  seats: ReadonlyMap<string, [number, number]>
}

interface RuleRun { store: Store; now: number; params: ParamValues; grids?: readonly string[] | undefined; places: RulePlaces }

const seatOf = (places: RulePlaces) => (township: string) => places.seats.get(township) ?? null

/** The wired rules, by id (all six of domain/alerts/rules.ts), in the order they are evaluated. */
const RULES: Record<string, (run: RuleRun) => Promise<Finding[]>> = {
  [SPIKE_RULE.id]: (r) => spikeFindings({ ...r, gridsPerTownship: r.places.gridsPerTownship }),
  [OVERDUE_PILE_UP_RULE.id]: (r) => overdueFindings(r.store, r.now, r.params),
  [WHISTLE_UNANSWERED_RULE.id]: (r) => whistleFindings(r.store, r.now, r.params, seatOf(r.places)),
  [SITE_RISK_RULE.id]: (r) => siteFindings(r.store, r.now, r.params),
  [REPEAT_PLACE_RULE.id]: (r) => repeatPlaceFindings(r.store, r.now, r.params),
  [DISPUTE_ESCALATION_RULE.id]: (r) => disputeFindings(r.store, r.now, r.params),
}
export const WIRED_RULES = Object.keys(RULES)

/** Which rules to run, with the parameters in force (read by the caller), as of `now`; `grids`: only those grids. */
export interface FindingsRequest {
  now: number
  rules: readonly { id: string; params: ParamValues }[]
  grids?: readonly string[] | undefined
}
/** Each rule's findings and the milliseconds it took to find them, in the request's order. */
export type FindingsAnswer = { rule: string; findings: Finding[]; ms: number }[]

/** Where findings are computed: here (inProcessFindings) or in the worker thread (findings-thread.ts). */
export type FindingsSource = (request: FindingsRequest) => Promise<FindingsAnswer>

export async function computeFindings(store: Store, places: RulePlaces, { now, rules, grids }: FindingsRequest): Promise<FindingsAnswer> {
  const answer: FindingsAnswer = []
  for (const { id, params } of rules) {
    const rule = RULES[id]
    if (!rule) throw new Error(`no wired alert rule "${id}"; wired: ${WIRED_RULES.join(', ')}`)
    const started = performance.now()
    const findings = await rule({ store, now, params, grids, places })
    answer.push({ rule: id, findings, ms: Math.round(performance.now() - started) })
  }
  return answer
}

export const inProcessFindings = (store: Store, places: RulePlaces): FindingsSource => (request) => computeFindings(store, places, request)
