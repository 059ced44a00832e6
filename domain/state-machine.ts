// One small mechanism for the life cycles (incident, dispute, whistle): a declared table of moves,
// from which both "what may I do now" and "why was that refused" are derived, so the buttons the
// web shows and the checks the API makes cannot drift apart.

export type Move<S extends string, A extends string, C> = {
  readonly action: A
  readonly from: readonly S[]
  /** The status after the move; null keeps the status (an act recorded in history only, e.g. 督办). */
  readonly to: S | null
  /** Why the move is refused in this context, or null when it is allowed. */
  readonly refuse?: (ctx: C) => string | null
}

export type TransitionOk<S extends string> = { readonly ok: true; readonly status: S }
export type TransitionError<A extends string> = {
  readonly ok: false
  readonly code: 'invalid-transition'
  /** English, naming the actions allowed now, e.g. for `{ error: { code, message } }`. */
  readonly message: string
  readonly allowed: readonly A[]
}
export type TransitionResult<S extends string, A extends string> = TransitionOk<S> | TransitionError<A>

export type StateMachine<S extends string, A extends string, C> = {
  readonly moves: readonly Move<S, A, C>[]
  allowed(status: S, ctx: C): A[]
  next(status: S, action: A, ctx: C): TransitionResult<S, A>
}

export function stateMachine<S extends string, A extends string, C>(spec: {
  /** Noun for messages: "incident", "dispute", "whistle call". */
  readonly entity: string
  /** Label for messages, e.g. `handling (处置中)`. */
  readonly describe: (status: S) => string
  readonly moves: readonly Move<S, A, C>[]
}): StateMachine<S, A, C> {
  const { entity, describe, moves } = spec
  const candidates = (status: S) => moves.filter((m) => m.from.includes(status))

  function allowed(status: S, ctx: C): A[] {
    return candidates(status)
      .filter((m) => (m.refuse?.(ctx) ?? null) === null)
      .map((m) => m.action)
  }

  function next(status: S, action: A, ctx: C): TransitionResult<S, A> {
    const here = candidates(status)
    const move = here.find((m) => m.action === action)
    const reason = move ? (move.refuse?.(ctx) ?? null) : `${action} is not a move from ${status}`
    if (move && reason === null) return { ok: true, status: move.to ?? status }
    const now = allowed(status, ctx)
    const options =
      now.length > 0 ? `allowed now: ${now.join(', ')}` : here.length > 0 ? 'no action is allowed now' : `${status} is final`
    return {
      ok: false,
      code: 'invalid-transition',
      message: `cannot ${action} this ${entity}, which is ${describe(status)}: ${reason}; ${options}`,
      allowed: now,
    }
  }

  return { moves, allowed, next }
}
