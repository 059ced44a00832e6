// Disputes under the "343" mechanism: three levels (village, township, county), four methods.
// A dispute is accepted at a level and has that level's time limit; on timeout or high risk it is
// escalated, which hands it to the next level as newly accepted there (its clock restarts).
// "小事不出村、大事不出镇、难事不出县" is the funnel the dashboard shows.
import type { Label, Labelled } from './label'
import { labelled } from './label'
import type { TransitionError } from './state-machine'
import { stateMachine } from './state-machine'
import type { Instant } from './time'
import { DAY, isPast, toMs } from './time'

export const DISPUTE_TYPE_IDS = [
  'marriage-family', 'neighbour', 'land-forest', 'labour', 'land-acquisition',
  'contract-debt', 'medical', 'traffic', 'pollution', 'property', 'other',
] as const
export type DisputeType = (typeof DISPUTE_TYPE_IDS)[number]
const TYPE_TABLE: Record<DisputeType, Label> = {
  'marriage-family': { name: '婚姻家庭', nameEn: 'Marriage and family' },
  neighbour: { name: '邻里纠纷', nameEn: 'Neighbours' },
  'land-forest': { name: '土地山林权属', nameEn: 'Land and forest rights' },
  labour: { name: '劳资纠纷', nameEn: 'Labour and wages' },
  'land-acquisition': { name: '征地拆迁', nameEn: 'Land acquisition and demolition' },
  'contract-debt': { name: '合同债务', nameEn: 'Contracts and debts' },
  medical: { name: '医患纠纷', nameEn: 'Doctor and patient' },
  traffic: { name: '交通事故', nameEn: 'Traffic accident' },
  pollution: { name: '环境污染', nameEn: 'Pollution' },
  property: { name: '物业纠纷', nameEn: 'Residential estate management' },
  other: { name: '其他', nameEn: 'Other' },
}
export const DISPUTE_TYPES: readonly Labelled<DisputeType>[] = labelled(DISPUTE_TYPE_IDS, TYPE_TABLE)

export const DISPUTE_LEVEL_IDS = ['village', 'township', 'county'] as const
export type DisputeLevel = (typeof DISPUTE_LEVEL_IDS)[number]
type LevelRow = Label & { readonly limitDays: number; readonly motto: string; readonly mottoEn: string }
const LEVEL_TABLE: Record<DisputeLevel, LevelRow> = {
  village: { name: '村级', nameEn: 'Village', limitDays: 3, motto: '小事不出村', mottoEn: 'Small matters stay in the village' },
  township: { name: '乡镇级', nameEn: 'Township', limitDays: 7, motto: '大事不出镇', mottoEn: 'Big matters stay in the township' },
  county: { name: '县级', nameEn: 'County', limitDays: 20, motto: '难事不出县', mottoEn: 'Hard matters stay in the county' },
}
export const DISPUTE_LEVELS: readonly (LevelRow & { readonly id: DisputeLevel })[] = labelled(DISPUTE_LEVEL_IDS, LEVEL_TABLE)

export const DISPUTE_METHOD_IDS = ['sweep', 'consultation', 'joint', 'prevention'] as const
export type DisputeMethod = (typeof DISPUTE_METHOD_IDS)[number]
const METHOD_TABLE: Record<DisputeMethod, Label> = {
  sweep: { name: '拉网式排查', nameEn: 'Sweep screening' },
  consultation: { name: '集中式会诊', nameEn: 'Joint consultation on hard cases' },
  joint: { name: '携手式联调', nameEn: 'Cross-region joint mediation' },
  prevention: { name: '一体化防控', nameEn: 'Integrated prevention of instability' },
}
export const DISPUTE_METHODS: readonly Labelled<DisputeMethod>[] = labelled(DISPUTE_METHOD_IDS, METHOD_TABLE)

export const RISK_IDS = ['high', 'medium', 'low'] as const
export type Risk = (typeof RISK_IDS)[number]
const RISK_TABLE: Record<Risk, Label> = {
  high: { name: '高', nameEn: 'High' },
  medium: { name: '中', nameEn: 'Medium' },
  low: { name: '低', nameEn: 'Low' },
}
export const RISKS: readonly Labelled<Risk>[] = labelled(RISK_IDS, RISK_TABLE)

export const MEDIATOR_IDS = ['village-committee', 'gentry', 'professional', 'legal-pros'] as const
export type MediatorKind = (typeof MEDIATOR_IDS)[number]
const MEDIATOR_TABLE: Record<MediatorKind, Label> = {
  'village-committee': { name: '村调委', nameEn: 'Village mediation committee' },
  gentry: { name: '乡贤', nameEn: 'New-gentry mediator' },
  professional: { name: '专职调解员', nameEn: 'Professional mediator' },
  'legal-pros': { name: '两官两师', nameEn: 'Legal professionals (两官两师)' },
}
export const MEDIATORS: readonly Labelled<MediatorKind>[] = labelled(MEDIATOR_IDS, MEDIATOR_TABLE)

export const DISPUTE_STATUS_IDS = ['accepted', 'mediating', 'succeeded', 'failed', 'litigation'] as const
export type DisputeStatus = (typeof DISPUTE_STATUS_IDS)[number]
const STATUS_TABLE: Record<DisputeStatus, Label> = {
  accepted: { name: '受理', nameEn: 'Accepted' },
  mediating: { name: '调解中', nameEn: 'Mediating' },
  succeeded: { name: '调解成功', nameEn: 'Settled' },
  failed: { name: '调解不成', nameEn: 'Mediation failed' },
  litigation: { name: '转诉讼/仲裁', nameEn: 'Referred to court or arbitration' },
}
export const DISPUTE_STATUSES: readonly Labelled<DisputeStatus>[] = labelled(DISPUTE_STATUS_IDS, STATUS_TABLE)

/** Statuses in which the level's time limit runs. */
export const OPEN_DISPUTE_STATUSES: readonly DisputeStatus[] = ['accepted', 'mediating']

export const DISPUTE_ACTION_IDS = ['start', 'succeed', 'fail', 'refer', 'escalate'] as const
export type DisputeAction = (typeof DISPUTE_ACTION_IDS)[number]
const ACTION_TABLE: Record<DisputeAction, Label> = {
  start: { name: '开始调解', nameEn: 'Start mediation' },
  succeed: { name: '调解成功', nameEn: 'Record settlement' },
  fail: { name: '调解不成', nameEn: 'Record failure' },
  refer: { name: '转诉讼/仲裁', nameEn: 'Refer to court or arbitration' },
  escalate: { name: '上报上级', nameEn: 'Escalate a level' },
}
export const DISPUTE_ACTIONS: readonly Labelled<DisputeAction>[] = labelled(DISPUTE_ACTION_IDS, ACTION_TABLE)

/** The level above, or null at the county (the top of the funnel). */
export function levelAbove(level: DisputeLevel): DisputeLevel | null {
  return DISPUTE_LEVEL_IDS[DISPUTE_LEVEL_IDS.indexOf(level) + 1] ?? null
}

// Escalation is allowed from `failed` as well as the open statuses: a mediation that fails in the
// village normally goes up to the township rather than straight to court ("大事不出镇").
const machine = stateMachine<DisputeStatus, DisputeAction, { readonly level: DisputeLevel }>({
  entity: 'dispute',
  describe: (s) => `${s} (${STATUS_TABLE[s].name})`,
  moves: [
    { action: 'start', from: ['accepted'], to: 'mediating' },
    { action: 'succeed', from: ['mediating'], to: 'succeeded' },
    { action: 'fail', from: ['mediating'], to: 'failed' },
    { action: 'refer', from: ['failed'], to: 'litigation' },
    {
      action: 'escalate',
      from: ['accepted', 'mediating', 'failed'],
      to: 'accepted',
      refuse: ({ level }) => (levelAbove(level) ? null : 'it is already at county level (难事不出县), the top of the funnel'),
    },
  ],
})

export const DISPUTE_MOVES = machine.moves

export type DisputeState = { readonly status: DisputeStatus; readonly level: DisputeLevel }

export function allowedDisputeActions(state: DisputeState): DisputeAction[] {
  return machine.allowed(state.status, state)
}

/** The next status and level; `escalate` raises the level and restarts at `accepted` (stamp levelAcceptedAt). */
export function nextDisputeState(
  state: DisputeState,
  action: DisputeAction,
): ({ readonly ok: true } & DisputeState) | TransitionError<DisputeAction> {
  const result = machine.next(state.status, action, state)
  if (!result.ok) return result
  const level = action === 'escalate' ? (levelAbove(state.level) ?? state.level) : state.level
  return { ok: true, status: result.status, level }
}

export function disputeDeadline(levelAcceptedAt: Date | number, level: DisputeLevel): Instant {
  return toMs(levelAcceptedAt) + LEVEL_TABLE[level].limitDays * DAY
}

export type DisputeClock = DisputeState & {
  /** When the dispute was accepted at its current level (reset on escalation). */
  readonly levelAcceptedAt: Instant
}

/** Open at its level and past that level's limit; exactly at the limit is not overdue. */
export function isDisputeOverdue(d: DisputeClock, now: Instant): boolean {
  return OPEN_DISPUTE_STATUSES.includes(d.status) && isPast(disputeDeadline(d.levelAcceptedAt, d.level), now)
}

/**
 * Why a dispute should go up a level now, or null: `timeout` when overdue below the county,
 * `risk` when a high-risk dispute is still in the village. The simulator and the alert list use it.
 */
export function escalationReason(d: DisputeClock & { readonly risk: Risk }, now: Instant): 'timeout' | 'risk' | null {
  if (levelAbove(d.level) === null || !OPEN_DISPUTE_STATUSES.includes(d.status)) return null
  if (isDisputeOverdue(d, now)) return 'timeout'
  return d.risk === 'high' && d.level === 'village' ? 'risk' : null
}
