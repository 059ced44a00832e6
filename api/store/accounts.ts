// Accounts, device tokens and sessions. Secrets never reach this module in the clear: callers pass the
// scrypt hash of a password and the SHA-256 of a token or session id (api/auth/secrets.ts).
import type { Sql } from './sql'

export interface UserRow {
  id: number; login: string; name: string; role: string; township: string | null; grids: string[]
  /** The department a department account works for (domain/departments.ts); null for every other role. */
  department: string | null
  password: string; disabled: boolean; createdAt: number; updatedAt: number
  /** Whether the person signs in with a second factor (TOTP); an administrator without one cannot sign in. */
  secondFactor: boolean
}
export interface TokenRow {
  id: number; name: string; role: string; township: string | null; grids: string[]; department: string | null
  createdBy: number | null; createdAt: number; lastUsedAt: number | null; revokedAt: number | null
}
export interface SessionRow {
  userId: number | null; tokenId: number | null; lastSeenAt: number; expiresAt: number; absoluteAt: number
}

interface RawUser { id: number; login: string; name: string; role: string; township: string | null; grids: string; department: string | null; password: string; disabled: number; created_at: number; updated_at: number; second_factor: number | boolean }
interface RawToken { id: number; name: string; role: string; township: string | null; grids: string; department: string | null; created_by: number | null; created_at: number; last_used_at: number | null; revoked_at: number | null }
interface RawSession { user_id: number | null; token_id: number | null; last_seen_at: number; expires_at: number; absolute_at: number }

const grids = (raw: string) => JSON.parse(raw) as string[]
const toUser = (r: RawUser): UserRow => ({
  id: r.id, login: r.login, name: r.name, role: r.role, township: r.township, grids: grids(r.grids), department: r.department,
  password: r.password, disabled: r.disabled === 1, createdAt: r.created_at, updatedAt: r.updated_at,
  secondFactor: Boolean(r.second_factor), // 0/1 from SQLite, a boolean from PostgreSQL
})
const toToken = (r: RawToken): TokenRow => ({
  id: r.id, name: r.name, role: r.role, township: r.township, grids: grids(r.grids), department: r.department,
  createdBy: r.created_by, createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at,
})

export interface NewAccount { name: string; role: string; township: string | null; grids: readonly string[]; department: string | null }

export function accountQueries(db: Sql) {
  const USER = 'SELECT u.*, EXISTS (SELECT 1 FROM second_factors f WHERE f.user_id = u.id) AS second_factor FROM users u'
  const deleteUserSessions = (id: number) => db.run('DELETE FROM sessions WHERE user_id = ?', [id])
  const user = async (text: string, params: unknown[]) => { const r = await db.get<RawUser>(text, params); return r ? toUser(r) : null }
  const token = async (text: string, params: unknown[]) => { const r = await db.get<RawToken>(text, params); return r ? toToken(r) : null }

  return {
    userById: (id: number) => user(`${USER} WHERE u.id = ?`, [id]),
    userByLogin: (login: string) => user(`${USER} WHERE u.login = ?`, [login]),
    users: async () => (await db.all<RawUser>(`${USER} ORDER BY u.id`)).map(toUser),
    userCount: async () => (await db.get<{ n: number }>('SELECT count(*) AS n FROM users'))!.n,
    async insertUser(login: string, account: NewAccount, passwordHash: string, at: number): Promise<number> {
      return (await db.get<{ id: number }>(`INSERT INTO users (login, name, role, township, grids, department, password, disabled, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?) RETURNING id`,
      [login, account.name, account.role, account.township, JSON.stringify(account.grids), account.department, passwordHash, at, at]))!.id
    },
    /** Disabling also ends the user's sessions at once; enabling does not bring them back. */
    setDisabled: (id: number, disabled: boolean, at: number) => db.transaction(async () => {
      await db.run('UPDATE users SET disabled = ?, updated_at = ? WHERE id = ?', [disabled ? 1 : 0, at, id])
      if (disabled) await deleteUserSessions(id)
    }),
    /** Signs the user out everywhere: every session of theirs ends. The number of sessions ended. */
    deleteUserSessions,
    setPassword: (id: number, passwordHash: string, at: number) => db.transaction(async () => {
      await db.run('UPDATE users SET password = ?, updated_at = ? WHERE id = ?', [passwordHash, at, id])
      await deleteUserSessions(id)
    }),

    tokenById: (id: number) => token('SELECT * FROM api_tokens WHERE id = ?', [id]),
    tokenByHash: (hash: string) => token('SELECT * FROM api_tokens WHERE secret_hash = ?', [hash]),
    tokens: async () => (await db.all<RawToken>('SELECT * FROM api_tokens ORDER BY id')).map(toToken),
    async insertToken(account: NewAccount, secretHash: string, createdBy: number | null, at: number): Promise<number> {
      return (await db.get<{ id: number }>(`INSERT INTO api_tokens (name, role, township, grids, department, secret_hash, created_by, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      [account.name, account.role, account.township, JSON.stringify(account.grids), account.department, secretHash, createdBy, at]))!.id
    },
    touchToken: async (id: number, at: number) => { await db.run('UPDATE api_tokens SET last_used_at = ? WHERE id = ?', [at, id]) },
    /** Revoking ends the sessions the token was exchanged for (a wall's cookie). False when already revoked. */
    revokeToken: (id: number, at: number): Promise<boolean> => db.transaction(async () => {
      const changed = (await db.run('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [at, id])) > 0
      await db.run('DELETE FROM sessions WHERE token_id = ?', [id])
      return changed
    }),

    async insertSession(idHash: string, owner: { userId: number } | { tokenId: number }, at: number, expiresAt: number, absoluteAt: number): Promise<void> {
      await db.run(`INSERT INTO sessions (id_hash, user_id, token_id, created_at, last_seen_at, expires_at, absolute_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)`, [idHash, 'userId' in owner ? owner.userId : null, 'tokenId' in owner ? owner.tokenId : null, at, at, expiresAt, absoluteAt])
    },
    async session(idHash: string): Promise<SessionRow | null> {
      const r = await db.get<RawSession>('SELECT user_id, token_id, last_seen_at, expires_at, absolute_at FROM sessions WHERE id_hash = ?', [idHash])
      return r ? { userId: r.user_id, tokenId: r.token_id, lastSeenAt: r.last_seen_at, expiresAt: r.expires_at, absoluteAt: r.absolute_at } : null
    },
    touchSession: async (idHash: string, at: number, expiresAt: number) => {
      await db.run('UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE id_hash = ?', [at, expiresAt, idHash])
    },
    deleteSession: async (idHash: string) => { await db.run('DELETE FROM sessions WHERE id_hash = ?', [idHash]) },
    pruneSessions: (now: number) => db.run('DELETE FROM sessions WHERE expires_at <= ?', [now]),
    /** Ends a token's sessions beyond its newest `keep` (`newest` always among them): the hashes of those ended. */
    trimTokenSessions: async (tokenId: number, keep: number, newest: string): Promise<string[]> =>
      // The newest `keep` sessions of a token stay, the one just started always among them (created_at can tie).
      (await db.all<{ hash: string }>(`DELETE FROM sessions WHERE token_id = @token AND id_hash NOT IN (
        SELECT id_hash FROM sessions WHERE token_id = @token ORDER BY id_hash = @newest DESC, created_at DESC LIMIT @keep)
        RETURNING id_hash AS hash`, { token: tokenId, keep, newest })).map((r) => r.hash),
  }
}
export type AccountQueries = ReturnType<typeof accountQueries>
