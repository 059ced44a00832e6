// Accounts and device tokens: creating, checking and listing them. Used by the admin routes, the `npm run user`
// CLI and the demo seed, so every way in applies the same rules.
import type { Account, ApiToken } from '../../domain/answers/account'
import type { Role } from '../../domain/roles'
import { ROLE_IDS, scopeProblem } from '../../domain/roles'
import { ApiError, conflict, notFound, unprocessable } from '../errors'
import type { Regions } from '../services/regions'
import type { Store } from '../store'
import type { TokenRow, UserRow } from '../store/accounts'
import type { OpenStreams } from './open-streams'
import { hashPassword, hashPasswordSync, hashPublishedPassword, newTokenSecret, sha256 } from './secrets'

export const MIN_PASSWORD = 10
const LOGIN = /^[a-z0-9][a-z0-9._-]{1,39}$/i

export interface AccountInput { name: string; role: Role; township?: string | null; grids?: readonly string[]; department?: string | null }
export interface UserInput extends AccountInput { login: string; password: string }

export interface AccountServiceDeps {
  store: Store
  now: () => number
  /** The region tables: an account's township and grids must be areas that exist. */
  regions: Pick<Regions, 'townships' | 'grids'>
  /** Closes the event streams of a disabled account or a revoked token (the server's; the CLI has none). */
  streams?: StreamsToEnd
}

/** Each known township code, and each known grid code with the township it lies in. */
interface KnownAreas { townships: ReadonlySet<string>; gridTownship: ReadonlyMap<string, string> }

function knownAreas(regions: AccountServiceDeps['regions']): KnownAreas {
  return {
    townships: new Set(regions.townships.features.map((f) => f.properties.id)),
    gridTownship: new Map(regions.grids.features.map((f) => [f.properties.id, String(f.properties.township)])),
  }
}

/**
 * A well-formed code is not yet an area: an account scoped to a township or grid that does not exist would sign
 * in to empty lists and figures, and nobody would notice the typo until the work went unseen.
 */
function regionProblem(known: KnownAreas, township: string | null, grids: readonly string[]): ApiError | null {
  if (township !== null && !known.townships.has(township)) {
    return unprocessable(`township "${township}" is not a known township code: use one of the ids listed by GET /api/regions/townships (e.g. 330329100)`, 'unknown_region')
  }
  for (const grid of grids) {
    const home = known.gridTownship.get(grid)
    const listed = `GET /api/regions/grids${township ? `?township=${township}` : ''}`
    if (home === undefined) return unprocessable(`grid "${grid}" is not a known grid code: use one of the ids listed by ${listed}`, 'unknown_region')
    if (home !== township) return unprocessable(`grid "${grid}" lies in township ${home}, not ${township}: use one of the ids listed by ${listed}`, 'invalid_scope')
  }
  return null
}

function checkAccount(known: KnownAreas, input: AccountInput) {
  if (!ROLE_IDS.includes(input.role)) throw unprocessable(`role "${input.role}" is unknown; roles: ${ROLE_IDS.join(', ')}`, 'unknown_role')
  const fields = { role: input.role, township: input.township ?? null, grids: input.grids ?? [], department: input.department ?? null }
  const problem = scopeProblem(fields)
  if (problem) throw unprocessable(problem, 'invalid_scope')
  const unknown = regionProblem(known, fields.township, fields.grids)
  if (unknown) throw unknown
  return { name: input.name.trim(), ...fields }
}

async function checkUser(store: Store, known: KnownAreas, input: UserInput) {
  if (!LOGIN.test(input.login)) throw unprocessable(`login "${input.login}" must be 2–40 letters, digits, '.', '_' or '-', starting with a letter or digit`, 'invalid_login')
  if (input.password.length < MIN_PASSWORD) throw unprocessable(`the password must have at least ${MIN_PASSWORD} characters`, 'weak_password')
  if (await store.accounts.userByLogin(input.login)) throw conflict(`login "${input.login}" is taken`, 'login_taken')
  // Intake is a machine's role (Open311): it has an API token, never a password someone could sign in with.
  if (input.role === 'intake') throw unprocessable('an intake integration is a machine, not a person: create an API token for it (npm run user -- token --role intake)', 'invalid_role')
  return checkAccount(known, input)
}

/** What clients see of a user: never the hash. */
export const publicUser = (u: UserRow): Account => ({
  id: u.id, login: u.login, name: u.name, role: u.role, township: u.township, grids: u.grids, department: u.department,
  disabled: u.disabled, secondFactor: u.secondFactor, createdAt: new Date(u.createdAt).toISOString(),
})
export const publicToken = (t: TokenRow): ApiToken => ({
  id: t.id, name: t.name, role: t.role, township: t.township, grids: t.grids, department: t.department,
  createdAt: new Date(t.createdAt).toISOString(),
  lastUsedAt: t.lastUsedAt === null ? null : new Date(t.lastUsedAt).toISOString(),
  revokedAt: t.revokedAt === null ? null : new Date(t.revokedAt).toISOString(),
})

/** Where the server files its open event streams; the CLI, another process, has none (the server's sweep closes them). */
type StreamsToEnd = Pick<OpenStreams, 'endUser' | 'endToken'>
const NO_STREAMS: StreamsToEnd = { endUser: () => 0, endToken: () => 0 }

export function accountService({ store, now, regions, streams = NO_STREAMS }: AccountServiceDeps) {
  const known = knownAreas(regions)
  return {
    async createUser(input: UserInput) {
      const account = await checkUser(store, known, input)
      const hash = await hashPassword(input.password)
      // Checked again after the (slow) hash: a concurrent create of the same login must not reach the UNIQUE error.
      if (await store.accounts.userByLogin(input.login)) throw conflict(`login "${input.login}" is taken`, 'login_taken')
      return publicUser((await store.accounts.userById(await store.accounts.insertUser(input.login, account, hash, now())))!)
    },
    /** For the seed and the CLI, which run before the server accepts requests. */
    async createUserSync(input: UserInput) {
      const account = await checkUser(store, known, input)
      return publicUser((await store.accounts.userById(await store.accounts.insertUser(input.login, account, hashPasswordSync(input.password), now())))!)
    },
    /**
     * An account whose password is published (the demo's, listed in the README), checked as createUser checks it;
     * its password hashed at the low cost such a password warrants (secrets.ts hashPublishedPassword says why).
     */
    async createDemoUser(input: UserInput) {
      const account = await checkUser(store, known, input)
      return publicUser((await store.accounts.userById(await store.accounts.insertUser(input.login, account, hashPublishedPassword(input.password), now())))!)
    },
    async setDisabled(id: number, disabled: boolean) {
      const user = await store.accounts.userById(id)
      if (!user) throw notFound(`no user with id ${id}`)
      await store.accounts.setDisabled(id, disabled, now())
      if (disabled) streams.endUser(id)
      return publicUser((await store.accounts.userById(id))!)
    },
    /** Signs the user out everywhere: every session ends, and the event streams they opened close. */
    async endSessions(id: number) {
      const user = await store.accounts.userById(id)
      if (!user) throw notFound(`no user with id ${id}`)
      const ended = await store.accounts.deleteUserSessions(id)
      streams.endUser(id)
      return { user: publicUser(user), sessionsEnded: ended }
    },
    /** The secret is returned once, here; only its SHA-256 is stored. `secret` lets the demo seed use a fixed one. */
    async createToken(input: AccountInput, createdBy: number | null, secret = newTokenSecret()) {
      if (input.role === 'admin') throw unprocessable('administrators sign in as people; a token cannot have the admin role', 'invalid_role')
      const account = checkAccount(known, input)
      if (!account.name) throw unprocessable('a token needs a name that says which device holds it (e.g. 指挥中心大屏1)', 'invalid_name')
      const id = await store.accounts.insertToken(account, sha256(secret), createdBy, now())
      return { token: publicToken((await store.accounts.tokenById(id))!), secret }
    },
    async revokeToken(id: number) {
      if (!await store.accounts.tokenById(id)) throw notFound(`no token with id ${id}`)
      if (!await store.accounts.revokeToken(id, now())) throw conflict(`token ${id} is already revoked`, 'already_revoked')
      streams.endToken(id)
      return publicToken((await store.accounts.tokenById(id))!)
    },
    users: async () => (await store.accounts.users()).map(publicUser),
    tokens: async () => (await store.accounts.tokens()).map(publicToken),
  }
}
export type AccountService = ReturnType<typeof accountService>
