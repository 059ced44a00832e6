// Accounts, device tokens and sessions. Secrets never reach this module in the clear: callers pass the
// scrypt hash of a password and the SHA-256 of a token or session id (api/auth/secrets.ts).
import type { Db } from './db'

export interface UserRow {
  id: number; login: string; name: string; role: string; township: string | null; grids: string[]
  password: string; disabled: boolean; createdAt: number; updatedAt: number
  /** Whether the person signs in with a second factor (TOTP); an administrator without one cannot sign in. */
  secondFactor: boolean
}
export interface TokenRow {
  id: number; name: string; role: string; township: string | null; grids: string[]
  createdBy: number | null; createdAt: number; lastUsedAt: number | null; revokedAt: number | null
}
export interface SessionRow {
  userId: number | null; tokenId: number | null; lastSeenAt: number; expiresAt: number; absoluteAt: number
}

interface RawUser { id: number; login: string; name: string; role: string; township: string | null; grids: string; password: string; disabled: number; created_at: number; updated_at: number; second_factor: number }
interface RawToken { id: number; name: string; role: string; township: string | null; grids: string; created_by: number | null; created_at: number; last_used_at: number | null; revoked_at: number | null }
interface RawSession { user_id: number | null; token_id: number | null; last_seen_at: number; expires_at: number; absolute_at: number }

const grids = (raw: string) => JSON.parse(raw) as string[]
const toUser = (r: RawUser): UserRow => ({
  id: r.id, login: r.login, name: r.name, role: r.role, township: r.township, grids: grids(r.grids),
  password: r.password, disabled: r.disabled === 1, createdAt: r.created_at, updatedAt: r.updated_at,
  secondFactor: r.second_factor === 1,
})
const toToken = (r: RawToken): TokenRow => ({
  id: r.id, name: r.name, role: r.role, township: r.township, grids: grids(r.grids),
  createdBy: r.created_by, createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at,
})

export interface NewAccount { name: string; role: string; township: string | null; grids: readonly string[] }

export function accountQueries(db: Db) {
  const USER = 'SELECT u.*, EXISTS (SELECT 1 FROM second_factors f WHERE f.user_id = u.id) AS second_factor FROM users u'
  const userById = db.prepare(`${USER} WHERE u.id = ?`)
  const userByLogin = db.prepare(`${USER} WHERE u.login = ?`)
  const users = db.prepare(`${USER} ORDER BY u.id`)
  const countUsers = db.prepare('SELECT count(*) AS n FROM users')
  const insertUser = db.prepare(`INSERT INTO users (login, name, role, township, grids, password, disabled, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)`)
  const setDisabled = db.prepare('UPDATE users SET disabled = ?, updated_at = ? WHERE id = ?')
  const setPassword = db.prepare('UPDATE users SET password = ?, updated_at = ? WHERE id = ?')

  const tokenById = db.prepare('SELECT * FROM api_tokens WHERE id = ?')
  const tokenByHash = db.prepare('SELECT * FROM api_tokens WHERE secret_hash = ?')
  const tokens = db.prepare('SELECT * FROM api_tokens ORDER BY id')
  const insertToken = db.prepare(`INSERT INTO api_tokens (name, role, township, grids, secret_hash, created_by, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)`)
  const touchToken = db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?')
  const revokeToken = db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')

  const insertSession = db.prepare(`INSERT INTO sessions (id_hash, user_id, token_id, created_at, last_seen_at, expires_at, absolute_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)`)
  const sessionByHash = db.prepare('SELECT user_id, token_id, last_seen_at, expires_at, absolute_at FROM sessions WHERE id_hash = ?')
  const touchSession = db.prepare('UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE id_hash = ?')
  const deleteSession = db.prepare('DELETE FROM sessions WHERE id_hash = ?')
  const deleteUserSessions = db.prepare('DELETE FROM sessions WHERE user_id = ?')
  const deleteTokenSessions = db.prepare('DELETE FROM sessions WHERE token_id = ?')
  const pruneSessions = db.prepare('DELETE FROM sessions WHERE expires_at <= ?')
  // The newest `keep` sessions of a token stay, the one just started always among them (created_at can tie).
  const trimTokenSessions = db.prepare(`DELETE FROM sessions WHERE token_id = @token AND id_hash NOT IN (
    SELECT id_hash FROM sessions WHERE token_id = @token ORDER BY id_hash = @newest DESC, created_at DESC LIMIT @keep)
    RETURNING id_hash AS hash`)

  return {
    userById: (id: number) => { const r = userById.get(id) as RawUser | undefined; return r ? toUser(r) : null },
    userByLogin: (login: string) => { const r = userByLogin.get(login) as RawUser | undefined; return r ? toUser(r) : null },
    users: () => (users.all() as RawUser[]).map(toUser),
    userCount: () => (countUsers.get() as { n: number }).n,
    insertUser(login: string, account: NewAccount, passwordHash: string, at: number): number {
      return Number(insertUser.run(login, account.name, account.role, account.township, JSON.stringify(account.grids), passwordHash, at, at).lastInsertRowid)
    },
    /** Disabling also ends the user's sessions at once; enabling does not bring them back. */
    setDisabled(id: number, disabled: boolean, at: number) {
      setDisabled.run(disabled ? 1 : 0, at, id)
      if (disabled) deleteUserSessions.run(id)
    },
    /** Signs the user out everywhere: every session of theirs ends. The number of sessions ended. */
    deleteUserSessions: (id: number) => deleteUserSessions.run(id).changes,
    setPassword(id: number, passwordHash: string, at: number) {
      setPassword.run(passwordHash, at, id)
      deleteUserSessions.run(id)
    },

    tokenById: (id: number) => { const r = tokenById.get(id) as RawToken | undefined; return r ? toToken(r) : null },
    tokenByHash: (hash: string) => { const r = tokenByHash.get(hash) as RawToken | undefined; return r ? toToken(r) : null },
    tokens: () => (tokens.all() as RawToken[]).map(toToken),
    insertToken(account: NewAccount, secretHash: string, createdBy: number | null, at: number): number {
      return Number(insertToken.run(account.name, account.role, account.township, JSON.stringify(account.grids), secretHash, createdBy, at).lastInsertRowid)
    },
    touchToken: (id: number, at: number) => { touchToken.run(at, id) },
    /** Revoking ends the sessions the token was exchanged for (a wall's cookie). False when already revoked. */
    revokeToken(id: number, at: number): boolean {
      const changed = revokeToken.run(at, id).changes > 0
      deleteTokenSessions.run(id)
      return changed
    },

    insertSession(idHash: string, owner: { userId: number } | { tokenId: number }, at: number, expiresAt: number, absoluteAt: number) {
      insertSession.run(idHash, 'userId' in owner ? owner.userId : null, 'tokenId' in owner ? owner.tokenId : null, at, at, expiresAt, absoluteAt)
    },
    session(idHash: string): SessionRow | null {
      const r = sessionByHash.get(idHash) as RawSession | undefined
      return r ? { userId: r.user_id, tokenId: r.token_id, lastSeenAt: r.last_seen_at, expiresAt: r.expires_at, absoluteAt: r.absolute_at } : null
    },
    touchSession: (idHash: string, at: number, expiresAt: number) => { touchSession.run(at, expiresAt, idHash) },
    deleteSession: (idHash: string) => { deleteSession.run(idHash) },
    pruneSessions: (now: number) => pruneSessions.run(now).changes,
    /** Ends a token's oldest sessions beyond `keep`, never `newest` (the one just started); how many ended. */
    /** Ends a token's sessions beyond its newest `keep` (`newest` always among them): the hashes of those ended. */
    trimTokenSessions: (tokenId: number, keep: number, newest: string): string[] =>
      (trimTokenSessions.all({ token: tokenId, keep, newest }) as { hash: string }[]).map((r) => r.hash),
  }
}
export type AccountQueries = ReturnType<typeof accountQueries>
