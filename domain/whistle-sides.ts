// Who may take which whistle action: the department called answers the call (签收, 报到, 办结) — its own
// accounts, never the township that whistled (not even for old data without department accounts) — and the
// township that whistled rates the answer (评哨), as may a county leader.
import type { Actor } from './actor'
import type { WhistleAction } from './whistle'

export type WhistleSide = 'department' | 'caller'

export const WHISTLE_ACTION_SIDE: Record<WhistleAction, WhistleSide> = {
  acknowledge: 'department', arrive: 'department', close: 'department', rate: 'caller',
}

/** What the sides read of a call: the township that whistled and the department it called. */
export interface SidedWhistle { readonly township: string; readonly department: string }

export function mayTakeWhistleAction(a: Actor, w: SidedWhistle, action: WhistleAction): boolean {
  if (WHISTLE_ACTION_SIDE[action] === 'department') return a.role === 'department' && a.department === w.department
  return a.role === 'leader' || (a.role === 'township' && a.township === w.township)
}

export function whistleActionsOnSides<A extends WhistleAction>(a: Actor, w: SidedWhistle, actions: readonly A[]): A[] {
  return actions.filter((action) => mayTakeWhistleAction(a, w, action))
}

/** Who may, in words, for the 403 a caller gets when the action is not theirs. */
export function whoMayWhistle(action: WhistleAction, w: SidedWhistle): string {
  return WHISTLE_ACTION_SIDE[action] === 'department'
    ? `the department called: an account of department ${w.department}`
    : `the township that whistled (the township officer of ${w.township}) or a county leader`
}
