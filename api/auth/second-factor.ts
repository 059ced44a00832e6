// A second factor for people who sign in: TOTP (RFC 6238: HMAC-SHA-1, 6 digits, 30-s steps, one step of clock
// drift either way) and ten single-use recovery codes. Administrators must have one (等保 level 3 asks for two
// factors on administration); any other person may. Enrolment happens on the server (`npm run user -- totp`), so
// a stolen password alone can never enrol a factor of the thief's choosing.
import { Secret, TOTP } from 'otpauth'
import { ApiError, conflict, notFound } from '../errors'
import type { Store } from '../store'
import type { UserRow } from '../store/accounts'
import { publicUser } from './accounts'
import { open, seal, unsealed } from './secret-box'
import { sha256 } from './secrets'

export const TOTP_ISSUER = '泰顺一张图'
const PARAMS = { algorithm: 'SHA1', digits: 6, period: 30 } as const
const RECOVERY_CODES = 10

/** What a sign-in may carry besides the password (at most one of the two). */
export interface SecondFactorProof { otp?: string | undefined; recoveryCode?: string | undefined }

/** The code an authenticator shows at `at` for this base32 key. */
export const totpCode = (secret: string, at: number) => TOTP.generate({ secret: Secret.fromBase32(secret), ...PARAMS, timestamp: at })

/** Recovery codes are typed by hand: letter case, spaces and dashes do not matter. */
const recoveryHash = (code: string) => sha256(code.toUpperCase().replace(/[^A-Z2-7]/g, ''))
/** 80 random bits as 16 base32 letters, shown as abcd-efgh-ijkl-mnop. */
const newRecoveryCode = () => new Secret({ size: 10 }).base32.toLowerCase().match(/.{4}/g)!.join('-')

const invalid = () => new ApiError(401, 'invalid_second_factor',
  'the verification code is wrong, expired or already used: enter the current 6-digit code from your authenticator app, or an unused recovery code')

export function secondFactorService(store: Store, now: () => number, key: Buffer | null) {
  const factors = store.secondFactors
  const uriOf = (login: string, secret: string) => new TOTP({ issuer: TOTP_ISSUER, label: login, secret: Secret.fromBase32(secret), ...PARAMS }).toString()
  const userOf = async (id: number) => {
    const user = await store.accounts.userById(id)
    if (!user) throw notFound(`no user with id ${id}`)
    return user
  }

  return {
    enrolled: async (userId: number) => (await factors.get(userId)) !== null,
    /**
     * A new random key and recovery codes, replacing any earlier ones and ending the user's sessions. The key (as
     * an otpauth:// URI) and the codes are returned once, here; the key is stored sealed, the codes as hashes.
     */
    async enrol(userId: number) {
      const user = await userOf(userId)
      if (!key) {
        throw new ApiError(503, 'totp_key_missing',
          'TOTP_KEY is not set: make one with `openssl rand -hex 32` and set it, the same value, for the server and for this command (it seals second-factor keys at rest)')
      }
      const secret = new Secret({ size: 20 }).base32
      const recoveryCodes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode)
      await factors.enrol(user.id, seal(key, user.id, secret), recoveryCodes.map(recoveryHash), now())
      return { uri: uriOf(user.login, secret), secret, recoveryCodes }
    },
    /** For the demo administrator only: its key is published in the README, so it is sealed only when it can be. */
    async enrolPublished(userId: number, secret: string) {
      await factors.enrol(userId, key ? seal(key, userId, secret) : unsealed(secret), [], now())
    },
    /** The base32 key, or null without a factor (for `npm run user -- totp-code`, demo accounts only). */
    async secretOf(userId: number): Promise<string | null> {
      const row = await factors.get(userId)
      return row ? open(key, userId, row.secret) : null
    },
    /** Removes a user's factor and recovery codes and ends their sessions; 409 when there was none. */
    async reset(userId: number) {
      const user = await userOf(userId)
      if (!(await factors.remove(user.id))) throw conflict(`${user.login} has no second factor to reset`, 'no_second_factor')
      return publicUser(await userOf(userId)) // as it is now: without its factor
    },
    /**
     * The second step of a sign-in, after the password was verified. Throws unless the user may go on: an
     * administrator without a factor is refused outright; with a factor, a fresh code or an unused recovery code
     * is required. Each attempt is a whole sign-in request (password included), so wrong codes spend the sign-in
     * budget like wrong passwords.
     */
    async verify(user: UserRow, proof: SecondFactorProof) {
      const row = await factors.get(user.id)
      if (!row) {
        if (user.role !== 'admin') return
        throw new ApiError(403, 'second_factor_enrolment_required',
          `administrators sign in with a second factor and ${user.login} has none yet: on the server, run \`npm run user -- totp --login ${user.login}\` and add the key it prints to an authenticator app`)
      }
      if (proof.recoveryCode !== undefined) {
        if (!(await factors.spendRecoveryCode(user.id, recoveryHash(proof.recoveryCode), now()))) throw invalid()
        return
      }
      if (proof.otp === undefined) {
        throw new ApiError(401, 'second_factor_required', 'this account has a second factor: send the current 6-digit code from its authenticator app as `otp`, or a recovery code as `recoveryCode`')
      }
      const secret = Secret.fromBase32(open(key, user.id, row.secret))
      const at = now()
      const delta = TOTP.validate({ token: proof.otp, secret, ...PARAMS, timestamp: at, window: 1 })
      // A code is good for one sign-in: its time step must be later than the last one accepted (RFC 6238 §5.2).
      if (delta === null || !(await factors.acceptStep(user.id, TOTP.counter({ period: PARAMS.period, timestamp: at }) + delta))) throw invalid()
    },
  }
}
export type SecondFactorService = ReturnType<typeof secondFactorService>
