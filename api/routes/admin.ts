// /api/admin (administrators only, see api/auth/policy.ts): accounts and device tokens, and /api/audit. A token's
// secret is in the reply to its creation and nowhere else, ever: only its SHA-256 is stored.
import { Hono } from 'hono'
import { TokenCreate, UserCreate } from '../../domain/account-schemas'
import type { AccountService } from '../auth/accounts'
import { auditDetail, who } from '../auth/policy'
import type { AuthEnv } from '../auth/principal'
import { conflict } from '../errors'
import { limitBody, readJson } from '../http/json-body'
import { parseId, parseLimit, parseRange } from '../http/query'
import { invalidCursor } from '../services/keyset'
import type { Store } from '../store'

export function adminRoutes(accounts: AccountService) {
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
    .post('/users/:id/enable', (c) => c.json({ user: accounts.setDisabled(parseId(c.req.param('id'), 'user'), false) }))
    .get('/tokens', (c) => c.json({ tokens: accounts.tokens() }))
    .post('/tokens', limitBody, async (c) => {
      const input = await readJson(c, TokenCreate)
      auditDetail(c, `${input.name} as ${input.role}`)
      const created = accounts.createToken(input, who(c).kind === 'user' ? who(c).id : null)
      return c.json({ ...created, note: 'the secret is shown only now: store it in the device' }, 201, { Location: `/api/admin/tokens/${created.token.id}` })
    })
    .post('/tokens/:id/revoke', (c) => c.json({ token: accounts.revokeToken(parseId(c.req.param('id'), 'token')) }))
}

/** GET /api/audit?actor=&from=&to=&limit=&cursor=: newest first; `next` continues below the last row. */
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
    })
  })
}
