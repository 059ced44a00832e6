// One line about a record for the ticker and the urgent banner: what (type), where (township), when, and a tag
// (紧急, 高风险, 超时, 县级督办 …; an alert's evidence in figures). Built only from map features and the reference lists: no names, phones,
// descriptions or 督办 notes (free text a wall would have to mask: left out instead), so nothing personal can
// reach the wall through it.
import { localDayStart } from '../../../domain/calendar'
import type { Lang } from '../i18n'
import { messages } from '../i18n'
import { formatDateTime, formatTime } from '../i18n/format'
import { fill } from '../panels/format'
import { labelOf } from '../panels/labels'
import { useReferenceStore } from '../stores/reference'
import { useRegionsStore } from '../stores/regions'
import { useViewStore } from '../stores/view'
import { alertTitle, evidenceLine } from '../alerts/alert-feature'
import type { AlertProps } from '../alerts/alert-feature'
import { alertMessages } from '../i18n/alerts'
import type { WallRecord } from './urgent'

export interface RecordLine {
  kind: string
  what: string
  place: string
  time: string
  /** Severity, risk, grade or SLA state worth a colour; '' when there is nothing to flag. */
  tag: string
  /** How late a supervised incident is ('超期2天'); '' otherwise. */
  late: string
  tone: 'danger' | 'warn' | 'info'
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** How far past its deadline an incident was at `at`: whole days from a day on, whole hours, then whole minutes
 *  (at least one: a 督办 is for overdue incidents); '' without a deadline or before it. */
export function lateBy(dueAt: unknown, at: number, t: { wallLateDays: string; wallLateHours: string; wallLateMinutes: string }): string {
  const due = typeof dueAt === 'string' ? Date.parse(dueAt) : NaN
  const ms = at - due
  if (!Number.isFinite(ms) || ms <= 0) return ''
  if (ms >= DAY) return fill(t.wallLateDays, { n: Math.floor(ms / DAY) })
  if (ms >= HOUR) return fill(t.wallLateHours, { n: Math.floor(ms / HOUR) })
  return fill(t.wallLateMinutes, { n: Math.max(1, Math.floor(ms / MINUTE)) })
}


export function useDescribe() {
  const reference = useReferenceStore()
  const regions = useRegionsStore()
  const view = useViewStore()
  const t = messages(view.lang)
  const ta = alertMessages(view.lang)
  const dayOf = (ms: number) => localDayStart(ms)

  return (r: WallRecord): RecordLine => {
    const ref = reference.data
    const lang = view.lang
    const p = r.props
    const place = r.township ? regions.nameOf(r.township) : ''
    // Today's records by the time alone; older ones with their date.
    const time = (dayOf(r.at) === dayOf(Date.now()) ? formatTime : formatDateTime)(r.at, lang)
    switch (r.kind) {
      case 'incident': {
        const severity = String(p.severity)
        const severityLabel = severity === 'normal' ? '' : labelOf(ref?.incident.severities, severity, lang)
        const what = labelOf(ref?.incidentTypes, p.type, lang)
        // A 督办 is news about who presses it and how late it is (it is overdue by rule); its status is unchanged.
        if (r.supervision) {
          const county = r.supervision.level === 'county'
          return {
            kind: t.incident, what, place, time, late: lateBy(p.dueAt, r.at, t),
            tag: [county ? t.wallSupervisionCounty : t.wallSupervisionTownship, severityLabel].filter(Boolean).join(' · '),
            tone: county || severity === 'critical' ? 'danger' : 'warn',
          }
        }
        // An update is news about its status (dispatched, resolved …); a new report, about its severity.
        const status = r.action === 'updated' ? labelOf(ref?.incident.statuses, p.status, lang) : ''
        return {
          kind: t.incident, what, place, time, late: '',
          tag: [severityLabel, status].filter(Boolean).join(' · '),
          tone: severity === 'critical' ? 'danger' : severity === 'urgent' ? 'warn' : 'info',
        }
      }
      case 'dispute':
        return {
          kind: t.dispute, what: labelOf(ref?.dispute.types, p.type, lang), place, time, late: '',
          tag: p.risk === 'low' ? '' : fill(t.wallRisk, { r: labelOf(ref?.dispute.risks, p.risk, lang) }),
          tone: p.risk === 'high' ? 'danger' : p.risk === 'medium' ? 'warn' : 'info',
        }
      case 'site': {
        // The category, not the site's name: a small business may be named after its owner.
        const warned = Number(p.openWarnings ?? 0) > 0
        return {
          kind: t.site, what: labelOf(ref?.site.categories, p.category, lang), place, time, late: '',
          tag: `${fill(t.wallGrade, { g: labelOf(ref?.site.grades, p.grade, lang) })}${warned ? ` · ${t.wallWarning}` : ''}`,
          tone: p.urgent === true ? 'danger' : warned ? 'warn' : 'info',
        }
      }
      case 'alert': {
        // The rule and its place (township › grid: region names, never a person's); the evidence as figures only.
        const a = p as unknown as AlertProps
        const grid = typeof a.grid === 'string' ? regions.nameOf(a.grid) : ''
        return {
          // The rule leads (the banner's first line, the ticker's coloured tag); the evidence is what was seen.
          kind: ta.kind, tag: alertTitle(a, lang, (list, id) => labelOf(ref?.[list], id, lang, list === 'departments')),
          what: evidenceLine(a.evidence, lang, ta, a.rule, { withP: false }), place: [place, grid].filter(Boolean).join(' › '), time, late: '',
          tone: a.level === 'red' ? 'danger' : a.level === 'orange' ? 'warn' : 'info',
        }
      }
      case 'whistle':
        return {
          kind: t.whistle, what: `${labelOf(ref?.departments, p.department, lang, true)} · ${labelOf(ref?.whistle.kinds, p.kind, lang)}`, place, time, late: '',
          tag: p.sla === 'ok' ? '' : labelOf(ref?.whistle.slaStates, p.sla, lang),
          tone: p.sla === 'breached' ? 'danger' : p.sla === 'due-soon' ? 'warn' : 'info',
        }
    }
  }
}
