// Second factors of people (TOTP keys, sealed by the caller) and their single-use recovery codes (SHA-256 only).
// Changing or removing a factor ends the person's sessions: it is done when a device is lost or handed on.
import type { Db } from './db'

export interface SecondFactorRow { userId: number; secret: string; lastStep: number | null; enrolledAt: number }
interface Raw { user_id: number; secret: string; last_step: number | null; enrolled_at: number }

export function secondFactorQueries(db: Db) {
  const byUser = db.prepare('SELECT * FROM second_factors WHERE user_id = ?')
  const upsert = db.prepare(`INSERT INTO second_factors (user_id, secret, last_step, enrolled_at) VALUES (?, ?, NULL, ?)
    ON CONFLICT (user_id) DO UPDATE SET secret = excluded.secret, last_step = NULL, enrolled_at = excluded.enrolled_at`)
  const remove = db.prepare('DELETE FROM second_factors WHERE user_id = ?')
  const removeCodes = db.prepare('DELETE FROM recovery_codes WHERE user_id = ?')
  const insertCode = db.prepare('INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)')
  // Conditional updates: two sign-ins racing with the same code cannot both win.
  const acceptStep = db.prepare('UPDATE second_factors SET last_step = ? WHERE user_id = ? AND (last_step IS NULL OR last_step < ?)')
  const spendCode = db.prepare('UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL')
  const endSessions = db.prepare('DELETE FROM sessions WHERE user_id = ?')

  return {
    get(userId: number): SecondFactorRow | null {
      const r = byUser.get(userId) as Raw | undefined
      return r ? { userId: r.user_id, secret: r.secret, lastStep: r.last_step, enrolledAt: r.enrolled_at } : null
    },
    /** Replaces any earlier factor and its recovery codes. */
    enrol: db.transaction((userId: number, sealedSecret: string, codeHashes: readonly string[], at: number) => {
      upsert.run(userId, sealedSecret, at)
      removeCodes.run(userId)
      for (const hash of codeHashes) insertCode.run(userId, hash)
      endSessions.run(userId)
    }),
    /** False when the user had no second factor. */
    remove: db.transaction((userId: number): boolean => {
      removeCodes.run(userId)
      const removed = remove.run(userId).changes > 0
      endSessions.run(userId)
      return removed
    }),
    /** True when `step` is later than every step accepted before; it becomes the last one. */
    acceptStep: (userId: number, step: number) => acceptStep.run(step, userId, step).changes > 0,
    /** True when the code was unused; it is spent now. */
    spendRecoveryCode: (userId: number, codeHash: string, at: number) => spendCode.run(at, userId, codeHash).changes > 0,
  }
}
export type SecondFactorQueries = ReturnType<typeof secondFactorQueries>
