// /api/briefings: the leader's PDF briefing. `render` prints a view now (and keeps it); the list and `:id.pdf` serve
// what was rendered, the schedule's daily ones included; `print-session` is the headless browser's door (a ticket
// spent once, see api/briefings/print-access.ts), not a person's.
import { Hono } from 'hono'
import type { Context } from 'hono'
import { setCookie } from 'hono/cookie'
import { reachCovers } from '../../domain/roles'
import { ApiError, notFound } from '../errors'
import { parseBriefingView } from '../briefings/briefing-view'
import { PRINT_COOKIE, PRINT_SESSION_MS } from '../briefings/print-access'
import type { BriefingService } from '../briefings/service'
import { addressOf } from '../http/client-address'
import { parseId, parseLimit } from '../http/query'
import { scopeOf, who } from '../auth/policy'
import type { AuthEnv } from '../auth/principal'
import type { BriefingList, BriefingPrintSession } from '../../domain/answers/briefing'

const LIST = { default: 50, cap: 500 }

/** `20201201`: the local (UTC+8) date of an instant, for file names. */
const localDay = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '')

function sendPdf(c: Context, bytes: Buffer, name: string, id: number) {
  return c.body(new Uint8Array(bytes), 200, {
    'Content-Type': 'application/pdf',
    'Content-Disposition': `attachment; filename="${name}"`,
    'Content-Length': String(bytes.length),
    'X-Briefing-Id': String(id),
  })
}

export function briefingRoutes(service: BriefingService, now: () => number, regions: { has: (id: string) => boolean }) {
  const how = (c: Context) => ({ remote: addressOf(c), path: c.req.path })
  const fileName = (scope: string, at: number) => `briefing-${scope}-${localDay(at)}.pdf`
  return new Hono<AuthEnv>()
    .get('/', async (c) => {
      const { reach } = who(c)
      // Briefings are of the county or a township: a township officer gets their township's (policy admits no one else).
      const limit = parseLimit(c, LIST.default, LIST.cap)
      const items = reach.level === 'county' ? await service.list(null, limit) : reach.level === 'township' ? await service.list(reach.township, limit) : []
      return c.json({
        items: items.map((b): BriefingList['items'][number] => ({
          id: b.id, scope: b.scope, from: new Date(b.from).toISOString(), to: new Date(b.to).toISOString(),
          asOf: new Date(b.asOf).toISOString(), lang: b.lang, kind: b.kind, createdAt: new Date(b.createdAt).toISOString(),
          createdBy: b.createdBy, size: b.size, href: `/api/briefings/${b.id}.pdf`,
        })),
      })
    })
    .get('/render', async (c) => {
      const scope = scopeOf(c, ['county', 'township'])
      if (!regions.has(scope)) throw new ApiError(422, 'unknown_region', `scope "${scope}" is not a region of 泰顺县; see /api/regions/townships for the codes`)
      const view = parseBriefingView(c, scope, now())
      const { id, bytes } = await service.render(who(c), view, how(c))
      return sendPdf(c, bytes, fileName(view.scope, view.asOf), id)
    })
    // The browser's first request (its context's request client, which keeps cookies with its pages): spends the
    // ticket, sets the print session's cookie, names the print page to open.
    .get('/print-session', (c) => {
      const spent = service.access.exchange(c.req.query('ticket') ?? '')
      if (!spent) throw notFound('no briefing ticket like this: a ticket is good once, for a minute')
      setCookie(c, PRINT_COOKIE, spent.cookie, { path: '/api', httpOnly: true, sameSite: 'Strict', maxAge: PRINT_SESSION_MS / 1000 })
      return c.json({ printPath: spent.printPath } satisfies BriefingPrintSession)
    })
    // `/:file`, not `/:id.pdf`: the router takes the dot as part of the name; the id is parsed from it here.
    .get('/:file', async (c) => {
      const m = /^(\d{1,12})\.pdf$/.exec(c.req.param('file'))
      if (!m) throw notFound(`no briefing "${c.req.param('file')}": briefings are downloaded as /api/briefings/<id>.pdf`)
      const id = parseId(m[1]!, 'briefing')
      const meta = await service.meta(id)
      // Outside the caller's area reads as missing, byte for byte (api/auth/policy.ts).
      if (!meta || !reachCovers(who(c).reach, meta.scope)) throw notFound(`no briefing with id ${id}`)
      return sendPdf(c, await service.download(who(c), meta, how(c)), fileName(meta.scope, meta.asOf), id)
    })
}
