// What the detail drawer says about a record, in the view's language: its facts as label and value, and its history
// as readable steps. Codes become names from the reference lists (/api/reference); a leader reads 状态 处置中 and
// 受理 → 交办, not "status handling" and "accept → accepted". A code the reference does not know is shown as itself.
import type { Reference } from '../../../domain/reference'
import type { Lang } from '../i18n'
import { formatDateTime } from '../i18n/format'
import { caseMergeMessages } from '../i18n/case-merge'
import type { Messages } from '../i18n/zh-CN'
import { labelOf, nameIn } from '../panels/labels'
import type { Named } from '../panels/labels'
import type { Assignee } from './assignee-choices'
import { assigneeName } from './assignee-choices'
import type { Actor } from './history-actor'
import { actorLabel } from './history-actor'

export type RecordKind = 'incident' | 'dispute' | 'site' | 'whistle'

type ListOf = (r: Reference) => readonly Named[]

/** The facts each kind shows, in order: a record field, the message that names it, and the list that names its codes. */
const FACTS: Record<RecordKind, readonly [field: string, label: keyof Messages, list?: ListOf][]> = {
  incident: [
    ['status', 'status', (r) => r.incident.statuses], ['severity', 'severity', (r) => r.incident.severities],
    ['category', 'category', (r) => r.categories], ['module', 'module', (r) => r.modules],
    ['department', 'factDepartment', (r) => r.departments], ['source', 'source', (r) => r.incident.sources],
    ['description', 'factDescription'],
  ],
  dispute: [
    ['status', 'status', (r) => r.dispute.statuses], ['level', 'factLevel', (r) => r.dispute.levels],
    ['risk', 'factRisk', (r) => r.dispute.risks], ['method', 'factMethod', (r) => r.dispute.methods],
    ['description', 'factDescription'],
  ],
  site: [
    ['grade', 'factGrade', (r) => r.site.grades], ['category', 'category', (r) => r.site.categories],
    ['department', 'factDepartment', (r) => r.departments], ['lastResult', 'factLastResult', (r) => r.site.inspectionResults],
    ['chainStage', 'factChainStage', (r) => r.site.chainStages],
  ],
  whistle: [
    ['status', 'status', (r) => r.whistle.statuses], ['sla', 'factSla', (r) => r.whistle.slaStates],
    ['kind', 'factKind', (r) => r.whistle.kinds], ['department', 'factDepartment', (r) => r.departments],
    ['reason', 'factReason'],
  ],
}

/** Each kind's statuses and actions, for its history. */
const STEPS: Record<Exclude<RecordKind, 'site'>, { statuses: ListOf; actions: ListOf }> = {
  incident: { statuses: (r) => r.incident.statuses, actions: (r) => r.incident.actions },
  dispute: { statuses: (r) => r.dispute.statuses, actions: (r) => r.dispute.actions },
  whistle: { statuses: (r) => r.whistle.statuses, actions: (r) => r.whistle.actions },
}

export interface Fact { field: string; label: string; value: string }

export function recordFacts(kind: RecordKind, record: Record<string, unknown>, ref: Reference | null, t: Messages, lang: Lang): Fact[] {
  return FACTS[kind].flatMap(([field, label, list]) => {
    const v = record[field]
    if (typeof v !== 'string' || v === '') return []
    return [{ field, label: t[label] as string, value: list && ref ? labelOf(list(ref), v, lang, field === 'department') : v }]
  })
}

/** What an incident step carried out: to whom it was handed, to when a deadline moved, at which level it was supervised. */
interface StepDetail { assignee?: Assignee | null; until?: string | null; level?: string | null; case?: { id: number; primary: number } | null }
interface HistoryEntry extends StepDetail {
  at: string; action: string; from: string | null; to: string; toLevel?: string | null; fromLevel?: string | null; note: string | null
  /** Who took the step; null for steps recorded before actors were; absent from an older server's answer. */
  by?: Actor | null
  detail?: StepDetail | null
  /** A step the page shows before the server has confirmed it (optimistic-record.ts). */
  pending?: boolean
}
interface Inspection { at: string; result: string; stage: string; note: string | null; by?: Actor | null }
/** `by` null: raised by a device, or before actors were recorded; `clearedBy` null while open or from before. */
interface Warning { kind: string; message: string; raisedAt: string; clearedAt: string | null; by?: Actor | null; clearedBy?: Actor | null; pending?: boolean }

export interface Step {
  at: string; text: string; note: string | null
  /** Who took it ("张三 · 乡镇干部", or the system's for steps from before actors were recorded); absent when unknown. */
  by?: string
  /** What it carried out: "承办：市场监管", "延期至 …", "县级督办"; absent when nothing. */
  detail?: string
  /** Shown before the server confirmed it. */
  pending?: boolean
}

/** A region's name by code (regions store's nameOf); the code itself where none is known. */
export type NameOf = (code: string) => string

/**
 * One step of a record's history: the action, and the status it led to where that says more (开始处置 → 处置中;
 * 受理 leads to 受理 and is said once; 签收 leaves 交办 as it was and is said alone). The first step (the report itself) has no action in the lists: its status
 * says it. A dispute escalated names the level it went to.
 */
function historyStep(kind: Exclude<RecordKind, 'site'>, h: HistoryEntry, ref: Reference, lang: Lang): string {
  const lists = STEPS[kind]
  const action = nameIn(lists.actions(ref).find((x) => x.id === h.action), lang)
  const status = nameIn(lists.statuses(ref).find((x) => x.id === h.to), lang) ?? h.to
  const level = h.toLevel && h.toLevel !== h.fromLevel ? nameIn(ref.dispute.levels.find((x) => x.id === h.toLevel), lang) : undefined
  // A step that left the status where it was (签收, 督办, 同意延期) is its action alone: "签收 → 交办" would read
  // as a move to 交办.
  const stays = h.from !== null && h.from === h.to && !!action && !level
  const step = stays ? action : !action || action === status ? status : `${action} → ${status}`
  return level ? `${step} · ${level}` : step
}

/** 合并为一件事 and 撤销合并: steps of an incident's case, not of its life cycle (the reference lists no such action). */
function caseStep(action: string, lang: Lang): string | undefined {
  const tm = caseMergeMessages(lang)
  return action === 'merge' ? tm.stepMerge : action === 'unmerge' ? tm.stepUnmerge : undefined
}

/**
 * A record's history, oldest first. A site has no status history: its inspections (the enforcement stage and the
 * result: 行政检查 · 合格) and its warnings (raised and cleared) are its story.
 */
function stepDetail(h: HistoryEntry, t: Messages, lang: Lang, nameOf: NameOf): string | undefined {
  // The server may carry the detail in `detail` or on the step itself: either is read.
  const d: StepDetail = { ...h, ...(h.detail ?? {}) }
  const parts: string[] = []
  if (d.assignee) parts.push(`${t.stepAssignee}${assigneeName(d.assignee, nameOf, lang)}`)
  // A refusal's detail may repeat the date asked for; "延期至 …" under 不同意延期 would read as granted, and the
  // request's own step above says the date.
  if (d.until && h.action !== 'refuseExtension') parts.push(`${t.stepUntil}${formatDateTime(d.until, lang)}`)
  if (d.level === 'township' || d.level === 'county') parts.push(d.level === 'county' ? t.actLevelCounty : t.actLevelTownship)
  if (d.case) parts.push(caseMergeMessages(lang).stepCase.replace('{id}', String(d.case.primary)))
  return parts.length ? parts.join(' · ') : undefined
}

export function recordSteps(kind: RecordKind, record: Record<string, unknown>, ref: Reference | null, t: Messages, lang: Lang, nameOf: NameOf = (c) => c): Step[] {
  const name = (list: readonly Named[] | undefined, id: string) => labelOf(list, id, lang)
  if (kind === 'site') {
    // An inspection is always a person's (null: from before actors were recorded); a warning with no one named may
    // be a device's, so only a named person is said.
    const person = (by: Actor | null | undefined) => (by ? { by: actorLabel(by, lang, t) } : {})
    const inspections = ((record.inspections ?? []) as Inspection[]).map((i) => ({
      at: i.at, text: `${name(ref?.site.chainStages, i.stage)} · ${name(ref?.site.inspectionResults, i.result)}`, note: i.note,
      ...(i.by === undefined ? {} : { by: actorLabel(i.by, lang, t) }),
    }))
    const warnings = ((record.warnings ?? []) as Warning[]).flatMap((w) => {
      const what = name(ref?.site.warningKinds, w.kind)
      const raised = { at: w.raisedAt, text: `${t.stepWarningRaised} · ${what}`, note: w.message, ...person(w.by) }
      return w.clearedAt ? [raised, { at: w.clearedAt, text: `${t.stepWarningCleared} · ${what}`, note: null, ...person(w.clearedBy), ...(w.pending ? { pending: true } : {}) }] : [raised]
    })
    return [...inspections, ...warnings].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
  }
  return ((record.history ?? []) as HistoryEntry[]).map((h) => {
    const detail = kind === 'incident' ? stepDetail(h, t, lang, nameOf) : undefined
    return {
      at: h.at, note: h.note, text: caseStep(h.action, lang) ?? (ref ? historyStep(kind, h, ref, lang) : `${h.action} → ${h.to}`),
      // An older server's steps have no `by` at all: nothing is said then, rather than blaming the system.
      ...(h.by === undefined ? {} : { by: actorLabel(h.by, lang, t) }),
      ...(detail ? { detail } : {}),
      ...(h.pending ? { pending: true } : {}),
    }
  })
}
