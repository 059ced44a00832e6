// The parameters each warning rule runs with: the newest version an administrator set (alert_rule_params), over
// the rule's defaults; version 0 is the defaults. Setting new values checks them against the rule's ranges
// (paramsProblem: 422 saying what to send) and stores the whole set as the next version, so an alert can say
// which version judged it and a change can be audited and undone.
import type { ActingPrincipal } from '../../../domain/actor'
import { ALERT_RULES } from '../../../domain/alerts/rules'
import type { AlertRuleSpec, ParamValues } from '../../../domain/alerts/rule'
import { defaultParams, paramsProblem } from '../../../domain/alerts/rule'
import type { AlertRuleAnswer } from '../../../domain/answers/alert'
import { ApiError, notFound, unprocessable } from '../../errors'
import type { Store } from '../../store'
import { actorFields, iso } from '../record-view'

export interface RuleParams { rule: AlertRuleSpec; values: ParamValues; version: number; setAt: number | null; setBy: string | null }

export const ALERT_RULE_IDS = ALERT_RULES.map((r) => r.id)

export function ruleSpec(id: string): AlertRuleSpec {
  const rule = ALERT_RULES.find((r) => r.id === id)
  if (!rule) throw notFound(`no alert rule "${id}"; rules: ${ALERT_RULE_IDS.join(', ')}`)
  return rule
}

export function ruleParamsService(store: Store, now: () => number) {
  /** Every rule with the values in force, in ALERT_RULES' order. */
  async function current(): Promise<Map<string, RuleParams>> {
    const rows = new Map((await store.alerts.currentParams()).map((r) => [r.rule, r]))
    return new Map(ALERT_RULES.map((rule) => {
      const row = rows.get(rule.id)
      const stored = row ? JSON.parse(row.params) as Record<string, number> : {}
      // A parameter the rule has gained since the row was stored takes its default.
      const values = { ...defaultParams(rule), ...Object.fromEntries(Object.entries(stored).filter(([k]) => rule.params.some((p) => p.id === k))) }
      return [rule.id, { rule, values, version: row?.version ?? 0, setAt: row?.at ?? null, setBy: row?.actorName ?? null }]
    }))
  }

  const answer = ({ rule, values, version, setAt, setBy }: RuleParams): AlertRuleAnswer => ({
    id: rule.id, name: rule.name, nameEn: rule.nameEn,
    params: rule.params.map((p) => ({ id: p.id, name: p.name, nameEn: p.nameEn, unit: p.unit, default: p.default, min: p.min, max: p.max, integer: p.integer ?? false, value: values[p.id]! })),
    version, setAt: iso(setAt), setBy,
  })

  return {
    current,
    async list(): Promise<AlertRuleAnswer[]> {
      return [...(await current()).values()].map(answer)
    },
    /** Stores new values for some of a rule's parameters as its next version; nothing is stored when one is refused. */
    async set(id: string, given: Readonly<Record<string, unknown>>, actor: ActingPrincipal, ifVersion?: number): Promise<AlertRuleAnswer> {
      const rule = ruleSpec(id)
      const problem = paramsProblem(rule, given)
      if (problem !== null) throw unprocessable(problem, 'invalid_params')
      return await store.transaction(async () => {
        await store.sql.exclusive('alert_rule_params')
        const now_ = (await current()).get(id)!
        if (ifVersion !== undefined && ifVersion !== now_.version) {
          throw new ApiError(409, 'conflict', `${id}'s parameters are at version ${now_.version} (set ${now_.setAt === null ? 'never' : iso(now_.setAt)}${now_.setBy ? ` by ${now_.setBy}` : ''}), not ${ifVersion}: read them again`)
        }
        const values = { ...now_.values, ...(given as Record<string, number>) }
        const at = now()
        const version = now_.version + 1
        await store.alerts.addParams({ rule: id, version, params: JSON.stringify(values), at, ...actorFields(actor) })
        return answer({ rule, values, version, setAt: at, setBy: actor.name })
      })
    },
  }
}
export type RuleParamsService = ReturnType<typeof ruleParamsService>
