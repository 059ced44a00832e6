// The event streams now open, with what proved each one (its session, else its bearer token), so that a stream
// does not outlive its credential. A stream is one request that lasts for hours: `identify` checked it once, when
// it began, and nothing would check it again.
//
// Two ways a stream whose credential has ended is closed:
//  - at once (`endSession`, `endUser`, `endToken`), when this server itself signs a session out, disables an
//    account, signs a user out everywhere or revokes a token;
//  - by the sweep: every `recheckMs` (60 s unless told) each stream's credential is resolved again from the
//    database (`stillValid`), which also catches a session that expired by time (idle or absolute), and a change
//    made elsewhere: `npm run user` is another process, and the API may run as several replicas sharing one
//    database, none of which hears of a sign-out handled by another. The sweep, reading the database, is the
//    source of truth; the immediate close is only the local fast path.
import type { Principal } from './principal'

export interface OpenStream {
  principal: Principal
  /** The SHA-256 of the session cookie that opened the stream; null for a bearer token. */
  sessionHash: string | null
  /** Ends the stream's body cleanly (idempotent). Called at most once by the registry. */
  close: () => void
}

/** A re-resolution, from the database, that counts as no use: it neither slides a session nor marks a token used. */
export type StillValid = (stream: Pick<OpenStream, 'principal' | 'sessionHash'>) => Promise<boolean>

/** A stream outlives its credential by a minute at most; a shorter interval is for tests. */
export const STREAM_RECHECK_MS = 60_000

export function openStreams(stillValid: StillValid, recheckMs = STREAM_RECHECK_MS) {
  const open = new Set<OpenStream>()
  let timer: ReturnType<typeof setInterval> | undefined

  const forget = (stream: OpenStream) => {
    const had = open.delete(stream)
    if (had && open.size === 0) { clearInterval(timer); timer = undefined }
    return had
  }
  const close = (stream: OpenStream) => { if (forget(stream)) stream.close() }
  const closeWhere = (ended: (stream: OpenStream) => boolean) => {
    let n = 0
    for (const stream of [...open]) if (ended(stream)) { close(stream); n++ }
    return n
  }
  // Many streams share a credential (a load test's thousand clients, a person's several tabs): one lookup each.
  const keyOf = (s: OpenStream) => s.sessionHash ?? `${s.principal.kind}:${s.principal.id}`
  let sweeping = false
  const sweep = async () => {
    if (sweeping) return // a slow database: the next tick sweeps again
    sweeping = true
    try {
      const verdicts = new Map<string, boolean>()
      for (const stream of [...open]) {
        const key = keyOf(stream)
        let valid = verdicts.get(key)
        if (valid === undefined) { valid = await stillValid(stream); verdicts.set(key, valid) }
        if (!valid) close(stream)
      }
    } catch (err) {
      // The database did not answer: streams stay open until a sweep can tell.
      console.error('stream sweep: re-checking credentials failed', err)
    } finally {
      sweeping = false
    }
  }

  return {
    /** Registers an open stream; the returned function forgets it (when the client goes away on its own). */
    add(stream: OpenStream): () => void {
      open.add(stream)
      if (!timer) {
        timer = setInterval(() => { void sweep() }, recheckMs)
        // The sweep alone must not keep a process alive (a test, a script that builds the app and exits).
        timer.unref?.()
      }
      return () => { forget(stream) }
    },
    /** The session with this cookie hash was signed out. Each returns how many streams it closed. */
    endSession: (sessionHash: string) => closeWhere((s) => s.sessionHash === sessionHash),
    /** Every session of this user ended (signed out everywhere, or the account disabled). */
    endUser: (userId: number) => closeWhere((s) => s.principal.kind === 'user' && s.principal.id === userId),
    /** The token was revoked: its bearer streams and those of the sessions it was exchanged for (a wall's). */
    endToken: (tokenId: number) => closeWhere((s) => s.principal.kind === 'token' && s.principal.id === tokenId),
    get size() { return open.size },
  }
}
export type OpenStreams = ReturnType<typeof openStreams>
