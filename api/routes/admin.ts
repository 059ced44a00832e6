// /api/admin (administrators only, see api/auth/policy.ts): accounts and device tokens, and /api/audit. A token's
// secret is in the reply to its creation and nowhere else, ever: only its SHA-256 is stored.
import { Hono } from 'hono'
import type { ApiTokenCreated } from '../../domain/answers/account'
import { TokenCreate, UserCreate } from '../../domain/account-schemas'
import type { AccountService } from '../auth/accounts'
import type { AuditLog } from '../auth/audit-log'
import type { SecondFactorService } from '../auth/second-factor'
import { auditDetail, who } from '../auth/policy'
import type { AuthEnv } from '../auth/principal'
import { conflict } from '../errors'
import { limitBody, readJson } from '../http/json-body'
import { parseId, parseLimit, parseRange } from '../http/query'
import { invalidCursor } from '../services/keyset'
import { AUDIT_EXPORT } from '../exports/columns/audit'
import { parseExportFormat } from '../exports/format'
import type { ExportSettings } from '../exports/send-export'
import { sendExport } from '../exports/send-export'

export function adminRoutes(accounts: AccountService, secondFactors: SecondFactorService) {
  return new Hono<AuthEnv>()
    .get('/users', async (c) => c.json({ users: await accounts.users() }))
    .post('/users', limitBody, async (c) => {
      const input = await readJson(c, UserCreate)
      auditDetail(c, `${input.login} as ${input.role}`)
      const user = await accounts.createUser(input)
      return c.json({ user }, 201, { Location: `/api/admin/users/${user.id}` })
    })
    .post('/users/:id/disable', async (c) => {
      const id = parseId(c.req.param('id'), 'user')
      // An administrator who disables themself could lock the county out of its own user management.
      if (who(c).kind === 'user' && who(c).id === id) throw conflict('you cannot disable your own account; ask another administrator', 'self_disable')
      return c.json({ user: await accounts.setDisabled(id, true) })
    })
    // Sign a user out everywhere without disabling them (a lost phone, a shared computer left signed in).
    .post('/users/:id/sessions/end', async (c) => c.json(await accounts.endSessions(parseId(c.req.param('id'), 'user'))))
    .post('/users/:id/enable', async (c) => c.json({ user: await accounts.setDisabled(parseId(c.req.param('id'), 'user'), false) }))
    .post('/users/:id/totp/reset', async (c) => {
      const id = parseId(c.req.param('id'), 'user')
      // Resetting one's own factor would lock oneself out at the next sign-in; that is done on the server instead.
      if (who(c).kind === 'user' && who(c).id === id) throw conflict('you cannot reset your own second factor; re-enrol on the server with npm run user -- totp', 'self_reset')
      const user = await secondFactors.reset(id)
      // The reset ended their sessions; their open live feeds close now too, not at the next re-check.
      await accounts.endSessions(id)
      const note = user.role === 'admin'
        ? `${user.login} cannot sign in until re-enrolled on the server: npm run user -- totp --login ${user.login}`
        : `${user.login} now signs in with the password alone; their sessions are ended`
      return c.json({ user, note })
    })
    .get('/tokens', async (c) => c.json({ tokens: await accounts.tokens() }))
    .post('/tokens', limitBody, async (c) => {
      const input = await readJson(c, TokenCreate)
      auditDetail(c, `${input.name} as ${input.role}`)
      const created = await accounts.createToken(input, who(c).kind === 'user' ? who(c).id : null)
      return c.json({ ...created, note: 'the secret is shown only now: store it in the device' } satisfies ApiTokenCreated, 201, { Location: `/api/admin/tokens/${created.token.id}` })
    })
    .post('/tokens/:id/revoke', async (c) => c.json({ token: await accounts.revokeToken(parseId(c.req.param('id'), 'token')) }))
}

/**
 * GET /api/audit?actor=&from=&to=&limit=&cursor=: newest first; `next` continues below the last row. Each entry
 * carries its hash chain (prevHash, hash) and count; `pending` lists the per-minute summaries of refused anonymous
 * writes not chained yet (see api/auth/audit.ts).
 */
export function auditRoutes(log: AuditLog, exports: ExportSettings) {
  return new Hono<AuthEnv>().get('/', async (c) => {
    const { from, to } = parseRange(c)
    const actor = c.req.query('actor')
    const format = parseExportFormat(c)
    if (format) {
      const filter = { ...(actor ? { actor } : {}), from, to }
      // The log as it stood when counted: the export's own row (written before the file streams) and any later
      // ones stay out, so the file holds the rows its audit row says.
      let upTo: number | undefined
      return sendExport(c, exports, format, AUDIT_EXPORT, {
        count: async () => {
          upTo = ((await log.page(filter, 1)).entries[0]?.id ?? 0) + 1
          return log.count({ ...filter, before: upTo })
        },
        // The audit's cursor is the id of the last row of the page before.
        page: async (cursor, limit) => {
          const p = await log.page({ ...filter, before: cursor === undefined ? upTo : Number(cursor) }, limit)
          return { items: p.entries, next: p.next }
        },
      })
    }
    const cursor = c.req.query('cursor')
    // The audit's cursor is the id of the last row of the page before (its `next`).
    if (cursor !== undefined && !/^\d{1,15}$/.test(cursor)) throw invalidCursor(cursor)
    const before = cursor === undefined ? undefined : Number(cursor)
    const limit = parseLimit(c, 100, 1000)
    return c.json(await log.page({ ...(actor ? { actor } : {}), from, to, before }, limit))
  })
}
