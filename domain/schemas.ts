// Input schemas for every write the API accepts. Objects are strict: an unknown key is an error,
// not silently dropped, so a client typo ("severty") is caught at once. Enum errors list the valid
// values. Each schema exports its parsed type under the same name (`IncidentCreate`) and the
// pre-default input type (`IncidentCreateInput`).
import { z } from 'zod'
import { ALERT_ACTION_IDS, SNOOZE_HOURS_MAX, SNOOZE_HOURS_MIN } from './alerts/alert-status'
import { INCIDENT_TYPE_IDS } from './catalogue'
import { CASE_SIZE_MAX } from './case-merge'
import { CRS_IDS } from './crs'
import { DEPARTMENT_IDS } from './departments'
import { DISPUTE_ACTION_IDS, DISPUTE_LEVEL_IDS, DISPUTE_METHOD_IDS, DISPUTE_TYPE_IDS, MEDIATOR_IDS, RISK_IDS } from './dispute'
import { CALLBACK_RESULT_IDS, CALLBACK_SHARE_MAX, CALLBACK_SHARE_MIN, REDO_RESULT } from './callback'
import type { IncidentAction } from './incident'
import { INCIDENT_ACTION_IDS, REDO_BY_CALLBACK_ONLY, SEVERITY_IDS, SOURCE_IDS } from './incident'
import { SUPERVISION_LEVEL_IDS } from './incident-sides'
import { scopeLevel } from './regions'
import { INSPECTION_RESULT_IDS, SITE_CATEGORY_IDS, SITE_GRADE_IDS, SITE_WARNING_KIND_IDS } from './sites'
import { WHISTLE_ACTION_IDS, WHISTLE_KIND_IDS, WHISTLE_RATING_MAX, WHISTLE_RATING_MIN } from './whistle'

// Free text is plain text: it is shown on maps, walls and exports that are not all HTML-escaping viewers, so
// markup, control characters (other than tab and line breaks) and unpaired surrogates (which SQLite would store
// as mojibake) are refused with a message rather than stored and trusted to every reader. (Invisible formatting
// characters are refused before any schema, in every string of a body: domain/invisible-text.ts.)
// A tag is what an HTML parser opens one on: "<" directly followed by a letter, "/", "!" or "?". A "<" or ">"
// that opens none ("1<2", "价格>100元", "a < b > c") is ordinary text and accepted.
// SQL-looking text is NOT refused: every statement binds parameters, so "'; DROP TABLE" is just words.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/
const MARKUP = /<[a-zA-Z!/?]/
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`)
  .refine((s) => !CONTROL.test(s), 'must not contain control characters (only tab and line breaks are allowed)')
  .refine((s) => !MARKUP.test(s), 'must be plain text: remove the HTML/markup tag (a "<" followed by a letter, "/", "!" or "?")')
  .refine((s) => !LONE_SURROGATE.test(s), 'contains an unpaired UTF-16 surrogate; send valid Unicode text')

/** A point as sent by a client; `crs` says which system it is in (converted to WGS84 on intake). */
export const PointInput = z
  .object({
    lng: z.number().min(-180, 'lng must be between -180 and 180').max(180, 'lng must be between -180 and 180'),
    lat: z.number().min(-90, 'lat must be between -90 and 90').max(90, 'lat must be between -90 and 90'),
    crs: z.enum(CRS_IDS).default('wgs84'),
  })
  .strict()
export type PointInput = z.infer<typeof PointInput>

const Phone = z.string().trim().regex(/^[0-9+()\s-]{5,20}$/, 'phone: 5–20 digits, spaces, +, -, ( or )')

const Person = z.object({ name: text(50).optional(), phone: Phone.optional() }).strict()

export const IncidentCreate = z
  .object({
    type: z.enum(INCIDENT_TYPE_IDS),
    point: PointInput,
    description: text(2000),
    source: z.enum(SOURCE_IDS),
    severity: z.enum(SEVERITY_IDS).default('normal'),
    reporter: Person.optional(),
  })
  .strict()
export type IncidentCreate = z.infer<typeof IncidentCreate>
export type IncidentCreateInput = z.input<typeof IncidentCreate>

/** Incidents in one batch at most: an offline queue syncs in chunks of this size. */
export const INCIDENT_BATCH_MAX = 500

/** POST /api/incidents/batch: all stored or none; an issue's path names the item (`incidents.3.point.lng`). */
export const IncidentBatchCreate = z
  .object({
    incidents: z.array(IncidentCreate)
      .min(1, 'send at least one incident')
      .max(INCIDENT_BATCH_MAX, `at most ${INCIDENT_BATCH_MAX} incidents a batch; send the rest in another`),
  })
  .strict()
export type IncidentBatchCreate = z.infer<typeof IncidentBatchCreate>

/** Any transition; the resource-specific schemas below narrow `action` so the error lists its actions. */
export const TransitionRequest = z.object({ action: text(40), note: text(1000).optional() }).strict()
export type TransitionRequest = z.infer<typeof TransitionRequest>

/** 交办/转办 to: a county department, the incident's township (9 digits) or one of its grids (14 digits). */
export const AssigneeInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('department'), code: z.enum(DEPARTMENT_IDS) }).strict(),
  z.object({ kind: z.literal('township'), code: z.string().regex(/^\d{9}$/, 'a township assignee\'s code is its 9-digit township code') }).strict(),
  z.object({ kind: z.literal('grid'), code: z.string().regex(/^\d{14}$/, 'a grid assignee\'s code is its 14-digit grid code') }).strict(),
], { error: 'assignee.kind must be department, township or grid' })
export type AssigneeInput = z.infer<typeof AssigneeInput>

/** An instant as ISO 8601 text, in UTC (Z) or with an offset (+08:00). */
const IsoInstant = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time, e.g. 2026-12-01T09:00:00+08:00' })

/** The actions whose request must carry a note: the result (办结), the reason (核查不通过, 转办, 退回, 延期), the order (督办). */
export const NOTE_REQUIRED: readonly IncidentAction[] = ['resolve', 'reopen', 'transfer', 'sendBack', 'requestExtension', 'refuseExtension', 'supervise']
const NOTE_WHAT: Partial<Record<IncidentAction, string>> = {
  resolve: 'the result (办结情况)', reopen: 'why verification failed', transfer: 'why it goes to another assignee',
  sendBack: 'why it goes back to the dispatcher', requestExtension: 'why more time is needed', refuseExtension: 'why the extension is refused',
  supervise: 'the supervision order (督办意见)',
}
/** Each extra field and the actions that take it; `required` ones must send it. */
const FIELD_ACTIONS: Record<'assignee' | 'until' | 'level', { takes: readonly IncidentAction[]; required: readonly IncidentAction[] }> = {
  assignee: { takes: ['dispatch', 'transfer'], required: ['transfer'] },
  until: { takes: ['requestExtension'], required: ['requestExtension'] },
  level: { takes: ['supervise'], required: [] },
}

/**
 * One incident transition. `note`, `assignee`, `until` and `level` each go with the actions that take them and are
 * refused with any other (an assignee sent with "accept" is a client's mistake, not something to drop quietly).
 * `ifUpdatedAt`: the record's updatedAt as the client saw it; if the record changed since, the answer is 409.
 */
export const IncidentTransitionRequest = z
  .object({
    action: z.enum(INCIDENT_ACTION_IDS),
    note: text(1000).optional(),
    assignee: AssigneeInput.optional(),
    until: IsoInstant.optional(),
    level: z.enum(SUPERVISION_LEVEL_IDS).optional(),
    ifUpdatedAt: IsoInstant.optional(),
  })
  .strict()
  .superRefine((req, ctx) => {
    if (req.action === 'redo') ctx.addIssue({ code: 'custom', path: ['action'], message: REDO_BY_CALLBACK_ONLY })
    if (NOTE_REQUIRED.includes(req.action) && req.note === undefined) {
      ctx.addIssue({ code: 'custom', path: ['note'], message: `${req.action} needs a note: ${NOTE_WHAT[req.action]}` })
    }
    for (const [field, { takes, required }] of Object.entries(FIELD_ACTIONS)) {
      const sent = req[field as keyof typeof FIELD_ACTIONS] !== undefined
      if (sent && !takes.includes(req.action)) {
        ctx.addIssue({ code: 'custom', path: [field], message: `${field} goes only with action ${takes.map((a) => `"${a}"`).join(' or ')}, not "${req.action}"` })
      }
      if (!sent && required.includes(req.action)) {
        ctx.addIssue({ code: 'custom', path: [field], message: `${req.action} needs ${field}` })
      }
    }
  })
export type IncidentTransitionRequest = z.infer<typeof IncidentTransitionRequest>

/** Incidents one batch 督办 may name at most: one transaction, one lock per row. */
export const SUPERVISE_BATCH_MAX = 500

/**
 * POST /api/incidents/supervise: one 督办 order on many incidents, in one transaction. Without `partial`, any
 * refusal stores nothing; with `partial: true` the good ones are stored and the refused ones say why.
 */
export const IncidentSuperviseBatch = z
  .object({
    ids: z.array(z.int().positive()).min(1, 'name at least one incident')
      .max(SUPERVISE_BATCH_MAX, `at most ${SUPERVISE_BATCH_MAX} incidents a batch; send the rest in another`)
      .refine((ids) => new Set(ids).size === ids.length, 'ids must not repeat an id'),
    note: text(1000),
    level: z.enum(SUPERVISION_LEVEL_IDS).optional(),
    partial: z.boolean().default(false),
  })
  .strict()
export type IncidentSuperviseBatch = z.infer<typeof IncidentSuperviseBatch>

/**
 * POST /api/incident-merges: the primary and the reports merged into it (一件事). A case holds at least two
 * incidents and at most CASE_SIZE_MAX; the primary is not among the members, and no member repeats.
 */
export const CaseMergeCreate = z
  .object({
    primary: z.int().positive(),
    members: z.array(z.int().positive()).min(1, 'name at least one member besides the primary: a case is two or more reports')
      .max(CASE_SIZE_MAX - 1, `a case holds at most ${CASE_SIZE_MAX} incidents (the primary and ${CASE_SIZE_MAX - 1} members); merge the rest into another`)
      .refine((ids) => new Set(ids).size === ids.length, 'members must not repeat an id'),
    note: text(1000).optional(),
  })
  .strict()
  .superRefine((req, ctx) => {
    if (req.members.includes(req.primary)) {
      ctx.addIssue({ code: 'custom', path: ['members'], message: `the primary #${req.primary} must not be among the members: name it once, as primary` })
    }
  })
export type CaseMergeCreate = z.infer<typeof CaseMergeCreate>

/** POST /api/incident-merges/{id}/undo: why (optional). */
export const CaseMergeUndo = z.object({ note: text(1000).optional() }).strict()
export type CaseMergeUndo = z.infer<typeof CaseMergeUndo>

export const DisputeTransitionRequest = z
  .object({ action: z.enum(DISPUTE_ACTION_IDS), note: text(1000).optional() })
  .strict()
export type DisputeTransitionRequest = z.infer<typeof DisputeTransitionRequest>

/** `rating` (1–5) goes with `rate` and only with it. */
export const WhistleTransitionRequest = z
  .object({
    action: z.enum(WHISTLE_ACTION_IDS),
    note: text(1000).optional(),
    rating: z.int().min(WHISTLE_RATING_MIN).max(WHISTLE_RATING_MAX).optional(),
  })
  .strict()
  .superRefine((req, ctx) => {
    if (req.action === 'rate' && req.rating === undefined) {
      ctx.addIssue({ code: 'custom', path: ['rating'], message: `rate needs a rating from ${WHISTLE_RATING_MIN} to ${WHISTLE_RATING_MAX}` })
    }
    if (req.action !== 'rate' && req.rating !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['rating'], message: 'rating goes only with action "rate"' })
    }
  })
export type WhistleTransitionRequest = z.infer<typeof WhistleTransitionRequest>

export const DisputeCreate = z
  .object({
    type: z.enum(DISPUTE_TYPE_IDS),
    point: PointInput,
    description: text(2000),
    /** Personal data: stored, but masked on wall screens. */
    parties: z.array(Person.extend({ name: text(50) }).strict()).min(1, 'at least one party').max(20),
    level: z.enum(DISPUTE_LEVEL_IDS).default('village'),
    method: z.enum(DISPUTE_METHOD_IDS).default('sweep'),
    risk: z.enum(RISK_IDS).default('low'),
    crossRegion: z.boolean().default(false),
    mediator: z.enum(MEDIATOR_IDS).optional(),
  })
  .strict()
export type DisputeCreate = z.infer<typeof DisputeCreate>
export type DisputeCreateInput = z.input<typeof DisputeCreate>

/** A 9-digit township code of this county; whether the township exists is the API's check. */
export const TownshipCode = z
  .string()
  .refine((s) => scopeLevel(s) === 'township', 'township must be a 9-digit code starting 330329, e.g. 330329100')

/** Any scope of this county (county, township, village or grid code), for query filters. */
export const ScopeCode = z
  .string()
  .refine((s) => scopeLevel(s) !== null, 'scope must be 330329 or a township (9), village (12) or grid (14 digit) code inside it')

export const WhistleCreate = z
  .object({
    township: TownshipCode,
    department: z.enum(DEPARTMENT_IDS),
    kind: z.enum(WHISTLE_KIND_IDS).default('other'),
    /** The incident that led to the call: an incident id (a whole number); whether it exists is the API's check. */
    incidentId: z.int().positive().optional(),
    reason: text(500),
    urgent: z.boolean().default(false),
  })
  .strict()
export type WhistleCreate = z.infer<typeof WhistleCreate>
export type WhistleCreateInput = z.input<typeof WhistleCreate>

/** The site is named by the URL (POST /sites/:id/inspections), so it is not in the body. */
/**
 * A supervised site as a county's register lists it (no route takes one yet: `npm run import -- records --kind
 * sites` does); its supervising department follows from its category, its inspection clock from its grade.
 */
export const SiteCreate = z
  .object({
    category: z.enum(SITE_CATEGORY_IDS),
    name: text(100),
    grade: z.enum(SITE_GRADE_IDS),
    point: PointInput,
  })
  .strict()
export type SiteCreate = z.infer<typeof SiteCreate>

export const SiteInspectionCreate = z
  .object({
    result: z.enum(INSPECTION_RESULT_IDS),
    note: text(1000).optional(),
    /** Recorded on a phone (掌上执法): feeds mobileEnforcementRate. */
    mobile: z.boolean().default(false),
    /** Evidence from cameras (非现场执法) rather than a visit. */
    offSite: z.boolean().default(false),
  })
  .strict()
export type SiteInspectionCreate = z.infer<typeof SiteInspectionCreate>
export type SiteInspectionCreateInput = z.input<typeof SiteInspectionCreate>

/** A warning raised by hand or by a device on the site named by the URL (POST /sites/:id/warnings). */
export const SiteWarningCreate = z
  .object({ kind: z.enum(SITE_WARNING_KIND_IDS), message: text(500) })
  .strict()
export type SiteWarningCreate = z.infer<typeof SiteWarningCreate>

/**
 * POST /api/incidents/{id}/callback: the resident's answer to the call-back. 不满意 needs a note (what they are
 * unhappy with: the assignee redoes the case with it); `ifUpdatedAt` is the incident's, as for its transitions.
 */
export const CallbackRecordRequest = z
  .object({
    // satisfied 满意, basicallySatisfied 基本满意, dissatisfied 不满意; zod's refusal names them.
    result: z.enum(CALLBACK_RESULT_IDS),
    note: text(1000).optional(),
    ifUpdatedAt: IsoInstant.optional(),
  })
  .strict()
  .superRefine((req, ctx) => {
    if (req.result === REDO_RESULT && req.note === undefined) {
      ctx.addIssue({ code: 'custom', path: ['note'], message: `result "${REDO_RESULT}" needs a note: what the resident is dissatisfied with (the case goes back to its assignee with it)` })
    }
  })
export type CallbackRecordRequest = z.infer<typeof CallbackRecordRequest>

const share = (what: string) => z.int({ error: `${what} must be a whole percent from ${CALLBACK_SHARE_MIN} to ${CALLBACK_SHARE_MAX}` })
  .min(CALLBACK_SHARE_MIN, `${what} must be a whole percent from ${CALLBACK_SHARE_MIN} to ${CALLBACK_SHARE_MAX}`)
  .max(CALLBACK_SHARE_MAX, `${what} must be a whole percent from ${CALLBACK_SHARE_MIN} to ${CALLBACK_SHARE_MAX}`)

/** PUT /api/settings/callback: the shares of verified cases drawn for a call-back, in whole percent. */
export const CallbackSettingsUpdate = z
  .object({ citizenShare: share('citizenShare'), otherShare: share('otherShare') })
  .strict()
export type CallbackSettingsUpdate = z.infer<typeof CallbackSettingsUpdate>

/** An action on an alert (研判预警): a false alarm needs its reason in `note`; `hours` (1–24) goes with snooze only. */
export const AlertTransitionRequest = z
  .object({
    action: z.enum(ALERT_ACTION_IDS),
    note: text(1000).optional(),
    hours: z.int().min(SNOOZE_HOURS_MIN, `hours must be ${SNOOZE_HOURS_MIN} to ${SNOOZE_HOURS_MAX}`).max(SNOOZE_HOURS_MAX, `hours must be ${SNOOZE_HOURS_MIN} to ${SNOOZE_HOURS_MAX}`).optional(),
  })
  .strict()
  .superRefine((req, ctx) => {
    if (req.action === 'falseAlarm' && req.note === undefined) {
      ctx.addIssue({ code: 'custom', path: ['note'], message: 'a false alarm (误报) needs its reason in note' })
    }
    if (req.action === 'snooze' && req.hours === undefined) {
      ctx.addIssue({ code: 'custom', path: ['hours'], message: `snooze needs hours, ${SNOOZE_HOURS_MIN} to ${SNOOZE_HOURS_MAX}` })
    }
    if (req.action !== 'snooze' && req.hours !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['hours'], message: 'hours goes only with action "snooze"' })
    }
  })
export type AlertTransitionRequest = z.infer<typeof AlertTransitionRequest>

/**
 * New values for some of a rule's parameters (the others keep theirs); each is checked against the rule's range
 * (domain/alerts/rule.ts paramsProblem). `ifVersion`: refuse with 409 when someone set another version meanwhile.
 */
export const AlertRuleParamsUpdate = z
  .object({
    params: z.record(z.string().max(64), z.unknown()),
    ifVersion: z.int().min(0).optional(),
  })
  .strict()
export type AlertRuleParamsUpdate = z.infer<typeof AlertRuleParamsUpdate>
