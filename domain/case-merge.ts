// 一件事: repeated reports of one matter merged into one case under a primary incident. A case is one matter of one
// township (it may cross grid and village borders inside it: a report lands in the grid it was made in, not the
// one the matter belongs to), of one category, and an incident is in one live case at most. These are the rules
// a merge is judged by, pure, so the API refuses and the web offers by the same ones.

import type { Role } from './roles'

/** Who merges and undoes: those who act on the incidents of an area (a leader the county's, an officer his township's). */
export const CASE_MERGE_ROLES = ['leader', 'township'] as const satisfies readonly Role[]
export const mayMergeCases = (role: Role | undefined | null): boolean => (CASE_MERGE_ROLES as readonly string[]).includes(role ?? '')

/** The most incidents one case may hold (the primary included): a repeat place of 50 reports is already a pile, not a matter. */
export const CASE_SIZE_MAX = 50

/** What a merge needs to know of each incident it names. */
export interface MergeCandidate {
  readonly id: number
  readonly category: string
  readonly township: string
  /** The live case it is in now, if any. */
  readonly caseId: number | null
}

export interface MergeRefusal { readonly status: 409 | 422; readonly code: string; readonly message: string }

/**
 * Why these incidents may not become one case (the primary first), or null. Unknown ids and reach are the
 * caller's to check before: they are answered as records that do not exist.
 */
export function mergeRefusal(primary: MergeCandidate, members: readonly MergeCandidate[]): MergeRefusal | null {
  const all = [primary, ...members]
  const inCase = all.filter((c) => c.caseId !== null)
  if (inCase.length) {
    return { status: 409, code: 'already_merged', message: `${inCase.map((c) => `#${c.id} is already in case ${c.caseId}`).join('; ')}: ` +
      'leave it out, or undo that merge first (POST /api/incident-merges/{id}/undo)' }
  }
  const otherCategory = members.filter((m) => m.category !== primary.category)
  if (otherCategory.length) {
    return { status: 422, code: 'mixed_categories', message: `a case is one matter of one category: the primary #${primary.id} is ${primary.category}, ` +
      `${otherCategory.map((m) => `#${m.id} is ${m.category}`).join(', ')}; leave those out` }
  }
  const otherTownship = members.filter((m) => m.township !== primary.township)
  if (otherTownship.length) {
    return { status: 422, code: 'mixed_townships', message: `a case belongs to one township (the primary #${primary.id}'s): ` +
      `${otherTownship.map((m) => `#${m.id}`).join(', ')} lie in another township; leave them out` }
  }
  return null
}
