// Who acts on a record, as the rules and the history see a principal: the fields the sides read
// (domain/incident-sides.ts, domain/whistle-sides.ts) and what a history step records of them.
import type { Label } from './label'
import type { Role } from './roles'

/** The fields of a principal the sides read (the API's Principal has them all). */
export interface Actor {
  readonly role: Role
  readonly township: string | null
  readonly grids: readonly string[]
  readonly department: string | null
}

/** An actor as history records it: its principal key ('user:ID', 'token:ID') and display name then. */
export interface ActingPrincipal extends Actor {
  readonly key: string
  readonly name: string
}

/** A history step's `by`: the name and role then, or null for steps from before actors were recorded. */
export interface StepActor { readonly name: string; readonly role: string }

/** How history shows a step recorded before actors were (its by is null). */
export const UNRECORDED_ACTOR: Label = { name: '系统（迁移前）', nameEn: 'System (before actors were recorded)' }
