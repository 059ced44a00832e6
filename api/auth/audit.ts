// Writes the audit log after the response is decided (api/store/audit.ts keeps it, chained by hash):
//  - every write request under /api, accepted or refused, with its final status: who (login or token name, kind,
//    role), when, what (method, path, the record it touched, the action), from where (the socket's address;
//    X-Forwarded-For is not trusted: any client can set it). Requests refused by a rate limit never reach here.
//  - a refused write (any 4xx; a 429 never gets here) by nobody signed in is not a row of its own: it is counted
//    into one row per address and minute, so a flood of guesses cannot become a flood of rows. An accepted one
//    (a sign-in that succeeded, which has a principal by then) is a row like any other.
//  - a read of a record that carries personal data, answered 200 and unmasked (everyone but walls, unless they ask
//    ?masked=true): one row, action 'read'. Lists are not audited row by row: they carry no personal data (the
//    map features of incidents and disputes leave names and phones out), and a row per listed record would make
//    the log a copy of the data.
//  - an export of a list (format=csv|xlsx, api/exports/): one row whatever its size, its detail naming the kind,
//    the format, the row count and the filters — a file leaves the system, so who took what is on record.
import type { Context, MiddlewareHandler } from 'hono'
import { userInfo } from 'node:os'
import type { Store } from '../store'
import { addressOf } from '../http/client-address'
import type { AuditEntry } from '../store/audit'
import { AUDIT_EXPORT_KEY } from '../exports/send-export'
import { maskFor, requestPolicy } from './policy'
import type { AuthEnv } from './principal'
import { principalOf } from './principal'

const READS = new Set(['GET', 'HEAD', 'OPTIONS'])
/** Records whose detail names people: an incident's reporter (name, phone), a dispute's parties. */
const PERSONAL_RECORDS = new Set(['/api/incidents/:id', '/api/disputes/:id'])
export const READ_ACTION = 'read'

/** The record a request touched: the one it created (Location), else the path up to its last numeric id. */
function targetOf(c: Context): string | null {
  const location = c.res.headers.get('Location')
  if (location) return location
  const m = /^(.*\/\d+)(\/|$)/.exec(c.req.path)
  return m ? m[1]! : null
}

function entryOf(c: Context, at: number, detail: string | null): AuditEntry {
  const p = principalOf(c)
  const attempted = c.get('auditActor' as never) as string | undefined
  return {
    at,
    actor: p?.actor ?? attempted ?? null,
    actorKind: p?.kind ?? null,
    role: p?.role ?? null,
    method: c.req.method,
    path: c.req.path,
    target: targetOf(c),
    detail,
    // An error that escaped to the server's own handler has no response here yet: it ends as a 500.
    status: c.res?.status ?? 500,
    remote: addressOf(c),
  }
}

const readsPersonalData = (c: Context) => c.req.method === 'GET' && PERSONAL_RECORDS.has(requestPolicy(c)?.path ?? '')

export function auditWrites(store: Store, now: () => number): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    if (READS.has(c.req.method)) {
      await next()
      if (c.res.status !== 200) return
      const exported = c.get(AUDIT_EXPORT_KEY as never) as string | undefined
      if (exported !== undefined) await store.audit.append(entryOf(c, now(), exported))
      else if (readsPersonalData(c) && !maskFor(c)) await store.audit.append(entryOf(c, now(), READ_ACTION))
      return
    }
    try {
      await next()
    } finally {
      const e = entryOf(c, now(), (c.get('auditDetail' as never) as string | undefined) ?? null)
      if (!principalOf(c) && e.status >= 400 && e.status < 500) await store.audit.refuse(e)
      else await store.audit.append(e)
    }
  }
}

/** A row for a command run on the server (npm run user / audit): the OS user, method CLI, the command as path. */
export function cliEntry(command: string, target: string | null, detail: string | null = null, at = Date.now()): AuditEntry {
  return { at, actor: `cli:${userInfo().username}`, actorKind: null, role: null, method: 'CLI', path: command, target, detail, status: 200, remote: 'local' }
}
