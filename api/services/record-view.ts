// What every record view shares: records leave the API with ISO 8601 times in UTC (the store keeps epoch
// milliseconds), and derived state is computed for the caller's `now`; `masked` hides personal data for walls —
// in the structured fields (each view masks its own) and in every free text, through `freeText` here.
import type { ActingPrincipal, StepActor } from '../../domain/actor'
import { maskName } from '../../domain/mask'
import { maskFreeText } from '../../domain/mask-text'
import type { ActorFields } from '../store/rows'
import { NO_ACTOR } from '../store/rows'

export function iso(ms: number): string
export function iso(ms: number | null): string | null
export function iso(ms: number | null) {
  return ms === null ? null : new Date(ms).toISOString()
}

export interface ViewOptions { now: number; masked: boolean }

/** Free text (a description, a note, a warning) as the caller may see it: phones and ID numbers masked for walls. */
export function freeText<T extends string | null>(text: T, masked: boolean): T {
  return (text === null || !masked ? text : maskFreeText(text)) as T
}

/** What a history row records of the one who acted; nothing for the system's own steps (the simulator, a seed). */
export function actorFields(actor: ActingPrincipal | null): ActorFields {
  return actor === null ? NO_ACTOR : { actor: actor.key, actorName: actor.name, actorRole: actor.role }
}

/** A history step's `by`: null for rows from before actors were recorded; the name masked for walls. */
export function stepBy(row: ActorFields, masked: boolean): StepActor | null {
  if (row.actorName === null || row.actorRole === null) return null
  return { name: masked ? maskName(row.actorName) : row.actorName, role: row.actorRole }
}
