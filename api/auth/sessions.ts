// The session life cycle behind /api/auth: checking a password, starting a session (for a person, or for a device
// that exchanged its token), ending one, and ending all of a person's. The routes keep the cookie; this keeps the
// rows, and closes the event streams a session opened when it ends.
import { ApiError } from '../errors'
import type { Store } from '../store'
import type { UserRow } from '../store/accounts'
import type { AccountService } from './accounts'
import type { OpenStreams } from './open-streams'
import type { Principal, PrincipalResolver } from './principal'
import { SESSION_IDLE_MS } from './principal'
import { DUMMY_HASH, newSessionId, sha256, verifyPassword } from './secrets'

export interface SessionServiceDeps {
  store: Store
  resolver: PrincipalResolver
  accounts: AccountService
  streams: OpenStreams
  now: () => number
  /** A token exchanged once more ends its oldest session beyond this many (TrustConfig.sessionsPerToken). */
  sessionsPerToken: number
}

/** Whose session: a person's, or a device's that exchanged its token. */
export type SessionOwner = { userId: number } | { tokenId: number }

export function sessionService({ store, resolver, accounts, streams, now, sessionsPerToken }: SessionServiceDeps) {
  /** Ends the session of this cookie, and closes the event streams it opened. */
  const end = async (cookie: string) => {
    const hash = sha256(cookie)
    await store.accounts.deleteSession(hash)
    streams.endSession(hash)
  }
  return {
    /**
     * The account a login and password name; 401 for an unknown login and for a wrong password alike, 403 for a
     * disabled account. The second factor is the caller's next step.
     */
    async checkPassword(login: string, password: string): Promise<UserRow> {
      const user = await store.accounts.userByLogin(login)
      // An unknown login costs the same scrypt as a wrong password and gets the same answer: no account probing.
      const ok = await verifyPassword(password, user?.password ?? DUMMY_HASH)
      if (!user || !ok) throw new ApiError(401, 'invalid_credentials', 'the login or the password is wrong')
      if (user.disabled) throw new ApiError(403, 'account_disabled', 'this account is disabled; ask an administrator to enable it')
      return user
    },
    /**
     * A new session for `owner`, ending the one its `replacing` cookie held: its cookie value (the only copy) and
     * who it stands for.
     */
    async start(owner: SessionOwner, absoluteMs: number, replacing?: string): Promise<{ cookie: string; principal: Principal }> {
      if (replacing) await end(replacing)
      const cookie = newSessionId()
      const at = now()
      await store.accounts.insertSession(sha256(cookie), owner, at, at + SESSION_IDLE_MS, at + absoluteMs)
      // Without a cap, anyone holding a wall's token (the demo one is public) could mint sessions without end. The
      // sessions the cap ends take their event streams with them, as a sign-out does.
      if ('tokenId' in owner) {
        for (const hash of await store.accounts.trimTokenSessions(owner.tokenId, sessionsPerToken, sha256(cookie))) streams.endSession(hash)
      }
      await store.accounts.pruneSessions(at)
      return { cookie, principal: (await resolver.session(cookie))! }
    },
    end,
    /** Every session of this person, on every device (their event streams close too). */
    endAll: (userId: number) => accounts.endSessions(userId),
  }
}

export type SessionService = ReturnType<typeof sessionService>
