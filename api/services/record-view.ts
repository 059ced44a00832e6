// What every record view shares: records leave the API with ISO 8601 times in UTC (the store keeps epoch
// milliseconds), and derived state is computed for the caller's `now`; `masked` hides personal data for walls —
// in the structured fields (each view masks its own) and in every free text, through `freeText` here.
import { maskFreeText } from '../../domain/mask-text'

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
