// /api/admin (administrators only, see api/auth/policy.ts): accounts and device tokens, and /api/audit. A token's
// secret is in the reply to its creation and nowhere else, ever: only its SHA-256 is stored.
import { Hono } from 'hono'
import type { ApiTokenCreated } from '../../domain/answers/account'
import type { AuditPage } from '../../domain/answers/audit'
import { TokenCreate, UserCreate } from '../../domain/account-schemas'
import type { AccountService } from '../auth/accounts'
import type { SecondFactorService } from '../auth/second-factor'
import { auditDetail, who } from '../auth/policy'
import type { AuthEnv } from '../auth/principal'
import { conflict } from '../errors'
import { limitBody, readJson } from '../http/json-body'
import { parseId, parseLimit, parseRange } from '../http/query'
import { invalidCursor } from '../services/keyset'
import type { Store } from '../store'

export function adminRoutes(accounts: AccountService, secondFactors: SecondFactorService) {
  return new Hono<AuthEnv>()
    .get('/users', (c) => c.json({ users: accounts.users() }))
    .post('/users', limitBody, async (c) => {
      const input = await readJson(c, UserCreate)
      auditDetail(c, `${input.login} as ${input.role}`)
      const user = await accounts.createUser(input)
      return c.json({ user }, 201, { Location: `/api/admin/users/${user.id}` })
    })
    .post('/users/:id/disable', (c) => {
      const id = parseId(c.req.param('id'), 'user')
      // An administrator who disables themself could lock the county out of its own user management.
      if (who(c).kind === 'user' && who(c).id === id) throw conflict('you cannot disable your own account; ask another administrator', 'self_disable')
      return c.json({ user: accounts.setDisabled(id, true) })
    })
    // Sign a user out everywhere without disabling them (a lost phone, a shared computer left signed in).
    .post('/users/:id/sessions/end', (c) => c.json(accounts.endSessions(parseId(c.req.param('id'), 'user'))))
    .post('/users/:id/enable', (c) => c.json({ user: accounts.setDisabled(parseId(c.req.param('id'), 'user'), false) }))
    .post('/users/:id/totp/reset', (c) => {
      const id = parseId(c.req.param('id'), 'user')
      // Resetting one's own factor would lock oneself out at the next sign-in; that is done on the server instead.
      if (who(c).kind === 'user' && who(c).id === id) throw conflict('you cannot reset your own second factor; re-enrol on the server with npm run user -- totp', 'self_reset')
      const user = secondFactors.reset(id)
      const note = user.role === 'admin'
        ? `${user.login} cannot sign in until re-enrolled on the server: npm run user -- totp --login ${user.login}`
        : `${user.login} now signs in with the password alone; their sessions are ended`
      return c.json({ user, note })
    })
    .get('/tokens', (c) => c.json({ tokens: accounts.tokens() }))
    .post('/tokens', limitBody, async (c) => {
      const input = await readJson(c, TokenCreate)
      auditDetail(c, `${input.name} as ${input.role}`)
      const created = accounts.createToken(input, who(c).kind === 'user' ? who(c).id : null)
      return c.json({ ...created, note: 'the secret is shown only now: store it in the device' } satisfies ApiTokenCreated, 201, { Location: `/api/admin/tokens/${created.token.id}` })
    })
    .post('/tokens/:id/revoke', (c) => c.json({ token: accounts.revokeToken(parseId(c.req.param('id'), 'token')) }))
}

/**
 * GET /api/audit?actor=&from=&to=&limit=&cursor=: newest first; `next` continues below the last row. Each entry
 * carries its hash chain (prevHash, hash) and count; `pending` lists the per-minute summaries of refused anonymous
 * writes not chained yet (see api/auth/audit.ts).
 */
export function auditRoutes(store: Store) {
  return new Hono<AuthEnv>().get('/', (c) => {
    const { from, to } = parseRange(c)
    const actor = c.req.query('actor')
    const cursor = c.req.query('cursor')
    // The audit's cursor is the id of the last row of the page before (its `next`).
    if (cursor !== undefined && !/^\d{1,15}$/.test(cursor)) throw invalidCursor(cursor)
    const before = cursor === undefined ? undefined : Number(cursor)
    const limit = parseLimit(c, 100, 1000)
    const rows = store.audit.list({ ...(actor ? { actor } : {}), from, to, before }, limit)
    return c.json({
      entries: rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() })),
      next: rows.length === limit ? String(rows[rows.length - 1]!.id) : null,
      pending: store.audit.pending().map(({ minute: _, ...p }) => ({ ...p, at: new Date(p.at).toISOString() })),
    } satisfies AuditPage)
  })
}
