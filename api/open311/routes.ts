// /open311/v2: GeoReport v2 over the incident intake. Reads are public and carry the public part of a request only
// (request-view.ts); a POST is filed by an intake integration's API token sent as the form's api_key. Every answer
// and every refusal is in the spec's shapes (answer.ts, errors.ts), JSON or XML by the path's extension.
//
// A POST passes, in order: the body limit; the write budget (per address: the body, and so the key, is not read
// for a request over budget); the audit log (every POST, refused ones too, summarised for nobody); the form and its
// api_key; the route × role table (auth/policy.ts ROUTES: intake only); the intake itself, whose place check
// keeps a township's integration to its township.
import type { Context, MiddlewareHandler } from 'hono'
import { Hono } from 'hono'
import type { RateRule } from '../config'
import { OPEN311_JURISDICTION, OPEN311_SERVICES, serviceDefinition } from '../../domain/open311'
import { COUNTY_NAME } from '../../domain/regions'
import { auditWrites } from '../auth/audit'
import { actor, admits, auditDetail, requestPolicy, requirePlace } from '../auth/policy'
import type { AuthEnv, PrincipalResolver } from '../auth/principal'
import { principalOf } from '../auth/principal'
import { ApiError, notFound } from '../errors'
import { addressKey, rateLimit } from '../http/rate-limit'
import type { Store } from '../store'
import type { Format } from './answer'
import { formatOf, sendErrors, sendList, sendObject } from './answer'
import { answerError } from './errors'
import type { Form } from './form'
import { limitFormBody, readForm } from './form'
import { identifyByKey, keyMissing } from './identify'
import { parseRequestQuery } from './request-query'
import type { Open311Requests } from './requests'
import { reportInput } from './report-input'

export interface Open311RouteDeps {
  requests: Open311Requests
  resolver: PrincipalResolver
  store: Store
  now: () => number
  /** The write budget (TrustConfig.intakeRate); null: none (tests that send many). */
  rate: RateRule | null
  bodyTimeoutMs: number
}

// Everyone gets the same answers (nothing depends on who asks): any cache may keep them. The services change with a
// release; the requests with every step taken on them, so a copy is checked again before each use.
const PUBLIC_CACHE = { 'Cache-Control': 'public, max-age=300' }
const PUBLIC_REVALIDATE = { 'Cache-Control': 'public, no-cache' }
const NO_STORE = { 'Cache-Control': 'no-store' }

/** `road-occupation.json` → ['road-occupation', 'json']: the item routes carry the format in their last segment. */
function splitFile(file: string, what: string): [string, Format] {
  const m = /^(.+)\.(json|xml)$/.exec(file)
  if (!m) throw notFound(`${what} "${file.slice(0, 60)}": add the format, .json or .xml`)
  return [m[1]!, m[2] as Format]
}

/** The one jurisdiction served; another is the spec's 404. Absent is this one (a single-jurisdiction endpoint). */
function checkJurisdiction(value: string | undefined) {
  if (value === undefined || value === '' || value === OPEN311_JURISDICTION) return
  throw notFound(`jurisdiction_id "${value.slice(0, 40)}" is not served here: this endpoint serves ${OPEN311_JURISDICTION} (${COUNTY_NAME.name})`)
}

const formOf = (c: Context) => c.get('open311Form' as never) as Form

export function open311Routes({ requests, resolver, store, now, rate, bodyTimeoutMs }: Open311RouteDeps) {
  const budget = rate ? rateLimit({ rule: rate, name: 'Open311 write', now, key: addressKey }) : null
  /** The budget's refusal in the spec's shape, its RateLimit headers kept. */
  const limit: MiddlewareHandler = async (c, next) => {
    if (!budget) return next()
    const res = await budget(c, next)
    if (res instanceof Response && res.status === 429) {
      const body = await res.json() as { error: { message: string } }
      const headers: Record<string, string> = {}
      res.headers.forEach((v, h) => { if (/^(retry-after|ratelimit-)/i.test(h)) headers[h] = v })
      return sendErrors(c, formatOf(c.req.path), 429, body.error.message, headers)
    }
    return res
  }
  const audit = auditWrites(store, now)
  /** Reads the form, takes the principal from its api_key and holds it to the route × role table. */
  const door: MiddlewareHandler = async (c, next) => {
    c.set('bodyTimeoutMs' as never, bodyTimeoutMs as never)
    const form = await readForm(c)
    c.set('open311Form' as never, form as never)
    await identifyByKey(c, form, resolver)
    const principal = principalOf(c)
    const policy = requestPolicy(c)
    if (!principal) {
      if (form.get('api_key')) throw new ApiError(403, 'invalid_api_key', 'api_key is not a valid API token (unknown or revoked): ask the administrator for an intake token')
      throw keyMissing()
    }
    // The audit row names the token by id besides its name; the key itself is never recorded.
    auditDetail(c, `open311 token #${principal.id}`)
    if (!policy || !admits(policy.access, principal.role)) {
      throw new ApiError(403, 'forbidden', `api_key is a token of role ${principal.role}: only an intake integration's token (role intake) may file service requests`)
    }
    return next()
  }
  const post = async (c: Context, format: Format) => {
    const form = formOf(c)
    checkJurisdiction(form.get('jurisdiction_id') ?? c.req.query('jurisdiction_id'))
    const input = reportInput(form)
    const answer = await requests.create(input, (place) => requirePlace(c, 'the point', place), actor(c))
    return sendList(c, format, 'service_requests', 'request', [answer], 201,
      { ...NO_STORE, Location: `/open311/v2/requests/${answer.service_request_id}.${format}` })
  }
  const services = (c: Context, format: Format) => {
    checkJurisdiction(c.req.query('jurisdiction_id'))
    return sendList(c, format, 'services', 'service', OPEN311_SERVICES, 200, PUBLIC_CACHE)
  }
  const list = async (c: Context, format: Format) => {
    checkJurisdiction(c.req.query('jurisdiction_id'))
    return sendList(c, format, 'service_requests', 'request', await requests.list(parseRequestQuery(c, now())), 200, PUBLIC_REVALIDATE)
  }
  const writes = [limitFormBody, limit, audit, door] as const

  const app = new Hono<AuthEnv>()
  app.onError(answerError)
  return app
    .get('/v2/services.json', (c) => services(c, 'json'))
    .get('/v2/services.xml', (c) => services(c, 'xml'))
    .get('/v2/services/:file', (c) => {
      const [code, format] = splitFile(c.req.param('file'), 'service')
      checkJurisdiction(c.req.query('jurisdiction_id'))
      const definition = serviceDefinition(code)
      if (!definition) throw notFound(`no service "${code.slice(0, 60)}": see services.${format} for the codes`)
      // XML names each list's items: <attributes><attribute>…<values><value>….
      const body = format === 'json' ? definition : {
        service_code: definition.service_code,
        attributes: { attribute: definition.attributes.map((a) => ({ ...a, values: { value: a.values } })) },
      }
      return sendObject(c, format, 'service_definition', body, PUBLIC_CACHE)
    })
    .get('/v2/requests.json', (c) => list(c, 'json'))
    .get('/v2/requests.xml', (c) => list(c, 'xml'))
    .post('/v2/requests.json', ...writes, (c) => post(c, 'json'))
    .post('/v2/requests.xml', ...writes, (c) => post(c, 'xml'))
    .get('/v2/requests/:file', async (c) => {
      const [id, format] = splitFile(c.req.param('file'), 'request')
      checkJurisdiction(c.req.query('jurisdiction_id'))
      const found = /^[1-9]\d{0,14}$/.test(id) ? await requests.get(Number(id)) : null
      if (!found) throw notFound(`no service request "${id.slice(0, 40)}"`)
      return sendList(c, format, 'service_requests', 'request', [found], 200, PUBLIC_REVALIDATE)
    })
    .all('*', (c) => {
      throw notFound(`no Open311 route ${c.req.method} ${c.req.path}: GeoReport v2 is served at /open311/v2 (services.json, requests.json …)`)
    })
}
