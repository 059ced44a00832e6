// What the sign-in and account routes answer: who is signed in (/api/auth/*), and accounts and API tokens as
// administrators see them (never a password hash; a token's secret only in the reply that creates it).
// api/routes/auth.ts `me` and api/auth/accounts.ts publicUser/publicToken are typed against these.
import { z } from 'zod'
import { METRIC_IDS } from '../metrics'
import { ROLE_IDS } from '../roles'
import { IsoTime, IsoTimeOrNull } from './common'
import { component } from './registry'

const role = z.enum(ROLE_IDS)
const area = {
  township: z.string().nullable(), grids: z.array(z.string()).readonly(),
  department: z.string().nullable().describe('the county department a department account works for (domain/departments.ts ids); null for every other role'),
}

export const SignedIn = component('SignedIn', z.strictObject({
  kind: z.enum(['user', 'token']).describe('a person, or a device signed in with an API token'),
  login: z.string(), name: z.string(), role,
  roleName: z.strictObject({ name: z.string(), nameEn: z.string() }),
  ...area,
  home: z.string().nullable().describe('the scope lists and figures default to; null for a grid worker of several grids'),
  metrics: z.array(z.enum(METRIC_IDS)).readonly().describe('the metrics this role may read'),
}))
export type SignedIn = z.infer<typeof SignedIn>

export const SignedInAnswer = component('SignedInAnswer', z.strictObject({ user: SignedIn }))
export const SessionAnswer = component('SessionAnswer', z.strictObject({ user: SignedIn.nullable() }), 'null when no one is signed in')

export const Account = component('Account', z.strictObject({
  id: z.int(), login: z.string(), name: z.string(), role: z.string(), ...area, disabled: z.boolean(),
  /** Signs in with a second factor (TOTP); an administrator without one cannot sign in until enrolled on the server. */
  secondFactor: z.boolean(),
  createdAt: IsoTime,
}))
export type Account = z.infer<typeof Account>

export const ApiToken = component('ApiToken', z.strictObject({
  id: z.int(), name: z.string(), role: z.string(), ...area, createdAt: IsoTime, lastUsedAt: IsoTimeOrNull, revokedAt: IsoTimeOrNull,
}))
export type ApiToken = z.infer<typeof ApiToken>

export const AccountAnswer = component('AccountAnswer', z.strictObject({ user: Account }))
export const AccountList = component('AccountList', z.strictObject({ users: z.array(Account) }))
export const AccountSessionsEnded = component('AccountSessionsEnded', z.strictObject({ user: Account, sessionsEnded: z.int() }))
export const AccountReset = component('AccountReset', z.strictObject({ user: Account, note: z.string().describe('what the account must do next') }))
export const ApiTokenAnswer = component('ApiTokenAnswer', z.strictObject({ token: ApiToken }))
export const ApiTokenList = component('ApiTokenList', z.strictObject({ tokens: z.array(ApiToken) }))
export const ApiTokenCreated = component('ApiTokenCreated', z.strictObject({
  token: ApiToken, secret: z.string().describe('omt_…: shown in this reply only'), note: z.string(),
}))
export type ApiTokenCreated = z.infer<typeof ApiTokenCreated>
