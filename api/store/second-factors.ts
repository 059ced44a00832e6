// Second factors of people (TOTP keys, sealed by the caller) and their single-use recovery codes (SHA-256 only).
// Changing or removing a factor ends the person's sessions: it is done when a device is lost or handed on.
import type { Sql } from './sql'

export interface SecondFactorRow { userId: number; secret: string; lastStep: number | null; enrolledAt: number }
interface Raw { user_id: number; secret: string; last_step: number | null; enrolled_at: number }

export function secondFactorQueries(db: Sql) {
  const endSessions = (userId: number) => db.run('DELETE FROM sessions WHERE user_id = ?', [userId])
  const removeCodes = (userId: number) => db.run('DELETE FROM recovery_codes WHERE user_id = ?', [userId])

  return {
    async get(userId: number): Promise<SecondFactorRow | null> {
      const r = await db.get<Raw>('SELECT * FROM second_factors WHERE user_id = ?', [userId])
      return r ? { userId: r.user_id, secret: r.secret, lastStep: r.last_step, enrolledAt: r.enrolled_at } : null
    },
    /** Replaces any earlier factor and its recovery codes. */
    enrol: (userId: number, sealedSecret: string, codeHashes: readonly string[], at: number) => db.transaction(async () => {
      await db.run(`INSERT INTO second_factors (user_id, secret, last_step, enrolled_at) VALUES (?, ?, NULL, ?)
        ON CONFLICT (user_id) DO UPDATE SET secret = excluded.secret, last_step = NULL, enrolled_at = excluded.enrolled_at`,
      [userId, sealedSecret, at])
      await removeCodes(userId)
      for (const hash of codeHashes) await db.run('INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)', [userId, hash])
      await endSessions(userId)
    }),
    /** False when the user had no second factor. */
    remove: (userId: number): Promise<boolean> => db.transaction(async () => {
      await removeCodes(userId)
      const removed = (await db.run('DELETE FROM second_factors WHERE user_id = ?', [userId])) > 0
      await endSessions(userId)
      return removed
    }),
    // Conditional updates: two sign-ins racing with the same code cannot both win.
    /** True when `step` is later than every step accepted before; it becomes the last one. */
    acceptStep: async (userId: number, step: number) =>
      (await db.run('UPDATE second_factors SET last_step = ? WHERE user_id = ? AND (last_step IS NULL OR last_step < ?)', [step, userId, step])) > 0,
    /** True when the code was unused; it is spent now. */
    spendRecoveryCode: async (userId: number, codeHash: string, at: number) =>
      (await db.run('UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL', [at, userId, codeHash])) > 0,
  }
}
export type SecondFactorQueries = ReturnType<typeof secondFactorQueries>
