// Who an incident is assigned to (交办): a county department, the incident's township, or one of that
// township's grids. Off-list types (清单外) belong to the department that pushed them; everything on the 属地管理
// list belongs to the township, which may hand it down to a grid.
import type { DepartmentId } from './departments'
import { DEPARTMENT_IDS, getDepartment } from './departments'
import type { Label } from './label'
import { isOneOf } from './label'
import { isWithinScope, scopeLevel } from './regions'

export const ASSIGNEE_KIND_IDS = ['department', 'township', 'grid'] as const
export type AssigneeKind = (typeof ASSIGNEE_KIND_IDS)[number]

export type Assignee =
  | { readonly kind: 'department'; readonly code: DepartmentId }
  | { readonly kind: 'township'; readonly code: string }
  | { readonly kind: 'grid'; readonly code: string }

/** What the assignment rules need of an incident: where it lies and its type's routing. */
export interface AssignableIncident {
  readonly township: string
  readonly onList: boolean
  /** The type's lead department (domain/catalogue.ts): an off-list type's pushing department. */
  readonly department: string
}

/** 交办 without a named assignee: an off-list type to its department, an on-list one to the incident's township. */
export function defaultAssignee(incident: AssignableIncident): Assignee {
  if (!incident.onList && isOneOf(DEPARTMENT_IDS, incident.department)) return { kind: 'department', code: incident.department }
  return { kind: 'township', code: incident.township }
}

/**
 * Why this assignee cannot take this incident, or null when it can: a department must be one of the county's; a
 * township must be the incident's own; a grid one of its grids. The message says what to send instead.
 */
export function assigneeProblem(assignee: Assignee, incident: AssignableIncident): string | null {
  if (assignee.kind === 'department') {
    return isOneOf(DEPARTMENT_IDS, assignee.code) ? null : `assignee.code "${assignee.code}" is not a department; see /api/reference departments`
  }
  if (assignee.kind === 'township') {
    return assignee.code === incident.township ? null
      : `assignee.code "${assignee.code}" is not the incident's township: a township assignee is the incident's own (${incident.township})`
  }
  if (scopeLevel(assignee.code) !== 'grid') return `assignee.code "${assignee.code}" is not a grid code (14 digits)`
  return isWithinScope(assignee.code, incident.township) ? null
    : `assignee.code "${assignee.code}" is not a grid of the incident's township ${incident.township}`
}

export const sameAssignee = (a: Assignee | null, b: Assignee | null) => a !== null && b !== null && a.kind === b.kind && a.code === b.code

/** The stored pair back as an assignee; null when none is recorded (incidents from before assignment existed). */
export function storedAssignee(kind: string | null, code: string | null): Assignee | null {
  if (kind === null || code === null || !isOneOf(ASSIGNEE_KIND_IDS, kind)) return null
  return { kind, code } as Assignee
}

/**
 * How a person reads the assignee: a department by its name; a township or grid by the name the caller knows for
 * its code (region names live in the geodata, not here), else by the code.
 */
export function assigneeLabel(assignee: Assignee, regionName?: (code: string) => string | undefined): Label {
  if (assignee.kind === 'department') {
    const d = getDepartment(assignee.code)
    return { name: d.name, nameEn: d.nameEn }
  }
  const name = regionName?.(assignee.code)
  if (assignee.kind === 'township') return { name: name ?? `乡镇 ${assignee.code}`, nameEn: name ? `${name} township` : `Township ${assignee.code}` }
  return { name: name ?? `网格 ${assignee.code}`, nameEn: name ? `${name} grid` : `Grid ${assignee.code}` }
}
