// Whom an incident can be handed to (交办/转办): a county department, the incident's own township, or one of that
// township's grids; the server refuses any other township or grid, so the choices never offer one. An assignee
// travels as `{ kind, code }` and sits in a <select> as the text "kind:code".
import { defaultAssignee as domainDefault } from '../../../domain/assignee'
import { DEPARTMENTS } from '../../../domain/departments'
import type { Lang } from '../i18n'
import { nameIn } from '../panels/labels'

export type AssigneeKind = 'department' | 'township' | 'grid'
export interface Assignee { kind: AssigneeKind; code: string }

export interface AssigneeChoice { value: string; label: string }
export interface AssigneeGroup { kind: AssigneeKind; choices: AssigneeChoice[] }

export const assigneeValue = (a: Assignee): string => `${a.kind}:${a.code}`

export function parseAssigneeValue(value: string): Assignee | null {
  const m = /^(department|township|grid):(.+)$/.exec(value)
  return m ? { kind: m[1] as AssigneeKind, code: m[2]! } : null
}

/**
 * 交办's first suggestion, the server's own rule (domain/assignee.ts): an off-list (清单外) type goes to the
 * department its type routes to (the record's `department`); an on-list one is the township's own work.
 */
export function defaultAssignee(incident: { onList: boolean; department: string; township: string }): Assignee {
  return domainDefault(incident)
}

/** The choices, in three groups: departments (short names), the township, its grids (by name, in code order). */
export function assigneeGroups(
  township: string,
  grids: readonly { id: string; name: string }[],
  nameOf: (code: string) => string,
  lang: Lang,
): AssigneeGroup[] {
  const own = grids.filter((g) => g.id.length === 14 && g.id.startsWith(township)).sort((a, b) => a.id.localeCompare(b.id))
  return [
    { kind: 'department', choices: DEPARTMENTS.map((d) => ({ value: `department:${d.id}`, label: nameIn(d, lang, true) ?? d.id })) },
    { kind: 'township', choices: [{ value: `township:${township}`, label: nameOf(township) }] },
    { kind: 'grid', choices: own.map((g) => ({ value: `grid:${g.id}`, label: g.name })) },
  ]
}

/** An assignee as people say it: 市场监管 / 罗阳镇 / 罗阳镇 › 城东网格. */
export function assigneeName(a: Assignee, nameOf: (code: string) => string, lang: Lang): string {
  if (a.kind === 'department') return nameIn(DEPARTMENTS.find((d) => d.id === a.code), lang, true) ?? a.code
  if (a.kind === 'grid') return `${nameOf(a.code.slice(0, 9))} › ${nameOf(a.code)}`
  return nameOf(a.code)
}
