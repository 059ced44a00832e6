// The briefing service: renders a view to PDF (ticket → warm Chromium → print page → page.pdf) in the render
// queue, stores what it rendered, lists and serves the stored ones, prunes past retention, and writes an audit row
// for every render and download. Errors are ApiErrors with a reason a person can act on: 503 when the queue is
// full or Chromium is missing (with the install line), 502 when a render fails; never a broken PDF.
import { COUNTY_CODE } from '../../domain/regions'
import { ApiError } from '../errors'
import type { Principal } from '../auth/principal'
import type { Store } from '../store'
import type { BriefingKind, BriefingMeta } from '../store/briefings'
import type { BriefingView } from './briefing-view'
import { printPath } from './briefing-view'
import { ChromiumMissing, warmChromium } from './chromium'
import { printAccess } from './print-access'
import { QueueFull, renderQueue } from './render-queue'
import { RenderFailed, renderPdf } from './render-pdf'

export interface BriefingSettings {
  chromiumPath: string
  /** Renders at once (2) and waiting in line (8) before a request is refused with 503. */
  concurrency: number
  waiting: number
  /** A render that takes longer fails (502). */
  timeoutMs: number
  keepDays: number
}

export const DEFAULT_BRIEFING_SETTINGS: BriefingSettings = {
  chromiumPath: '/usr/bin/chromium', concurrency: 2, waiting: 8, timeoutMs: 60_000, keepDays: 90,
}

/** Retry-After of a full queue: about one render's time. */
export const BUSY_RETRY_SECONDS = 30
const DAY = 86_400_000

export interface AuditContext { remote: string | null; path: string }

export function briefingService({ store, now, settings }: { store: Store; now: () => number; settings: BriefingSettings }) {
  let origin: string | null = null
  const access = printAccess(now)
  const chromium = warmChromium(settings.chromiumPath, () => (origin ? new URL(origin).hostname : '127.0.0.1'))
  const queue = renderQueue(settings)

  const audit = (who: Principal | null, how: AuditContext, method: string, target: string | null, detail: string, status: number) =>
    store.audit.append({
      at: now(), actor: who?.actor ?? 'briefing-schedule', actorKind: who?.kind ?? null, role: who?.role ?? null,
      method, path: how.path, target, detail, status, remote: how.remote,
    })

  /** The PDF of `view` as `who` sees it (who: the requester; the schedule renders as the county). */
  async function renderBytes(who: Principal, view: BriefingView): Promise<Buffer> {
    if (origin === null) throw new ApiError(503, 'briefing_unavailable', 'this process serves no web pages to print from (briefings render in the server started by npm start)', { 'Retry-After': String(BUSY_RETRY_SECONDS) })
    const path = printPath(view, `${who.name} (${who.actor})`, now())
    const ticket = access.issue(who, view.scope, path)
    try {
      return await queue.run(async () => renderPdf(await chromium.browser(), `${origin}/api/briefings/print-session?ticket=${encodeURIComponent(ticket)}`, settings.timeoutMs))
    } catch (err) {
      if (err instanceof QueueFull) throw new ApiError(503, 'briefing_busy', `the briefing renderer is busy (${queue.running} rendering, ${queue.waiting} waiting); try again in ${BUSY_RETRY_SECONDS} s`, { 'Retry-After': String(BUSY_RETRY_SECONDS) })
      if (err instanceof ChromiumMissing) throw new ApiError(503, 'briefing_unavailable', err.message)
      if (err instanceof RenderFailed) throw new ApiError(502, 'briefing_failed', `the briefing could not be rendered: ${err.message}`)
      throw new ApiError(502, 'briefing_failed', `the briefing could not be rendered: ${(err as Error).message.split('\n')[0]}`)
    } finally {
      access.endFor(path)
    }
  }

  async function renderAndStore(who: Principal, view: BriefingView, kind: BriefingKind): Promise<{ id: number; bytes: Buffer }> {
    const bytes = await renderBytes(who, view)
    if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new ApiError(502, 'briefing_failed', 'the browser returned something that is not a PDF')
    const id = await store.briefings.insert({ ...view, kind, createdAt: now(), createdBy: who.actor, bytes })
    return { id, bytes }
  }

  /** Renders and stores, auditing the outcome (a refusal or failure with its status) as `briefing.render|scheduled`. */
  async function renderAudited(who: Principal, view: BriefingView, kind: BriefingKind, how: AuditContext): Promise<{ id: number; bytes: Buffer }> {
    const action = kind === 'scheduled' ? 'briefing.scheduled' : 'briefing.render'
    const detail = `${action} scope=${view.scope} from=${new Date(view.from).toISOString()} to=${new Date(view.to).toISOString()} asOf=${new Date(view.asOf).toISOString()} lang=${view.lang}`
    try {
      const done = await renderAndStore(who, view, kind)
      await audit(who, how, 'GET', `/api/briefings/${done.id}`, `${detail} bytes=${done.bytes.length}`, 200)
      return done
    } catch (err) {
      await audit(who, how, 'GET', null, detail, err instanceof ApiError ? err.status : 500)
      throw err
    }
  }

  return {
    access,
    /** Where this process's own server listens (http://127.0.0.1:PORT): the browser prints from there. */
    setOrigin(url: string) { origin = url },
    /** Renders, stores and audits; a refusal or failure is audited too, with its status. */
    render: (who: Principal, view: BriefingView, how: AuditContext) => renderAudited(who, view, 'requested', how),
    /** The schedule's render: audited as the schedule's account, from this machine. */
    renderScheduled: (who: Principal, view: BriefingView) =>
      renderAudited(who, view, 'scheduled', { remote: 'local', path: '/api/briefings/render' }),
    scheduledExists: (view: BriefingView) => store.briefings.scheduledExists(view.scope, view.from, view.to, view.lang),
    /** Newest first: of every scope (null), or of the scopes within a region (a township officer's township). */
    list: (within: string | null, limit: number): Promise<BriefingMeta[]> => store.briefings.list(within, limit),
    meta: (id: number) => store.briefings.meta(id),
    async download(who: Principal, meta: BriefingMeta, how: AuditContext): Promise<Buffer> {
      const bytes = await store.briefings.bytes(meta.id)
      if (!bytes) throw new ApiError(404, 'not_found', `no briefing with id ${meta.id}`)
      await audit(who, how, 'GET', `/api/briefings/${meta.id}`, `briefing.download scope=${meta.scope} bytes=${bytes.length}`, 200)
      return bytes
    },
    /** Removes what is older than the retention; how many went. */
    prune: () => store.briefings.prune(now() - settings.keepDays * DAY),
    close: () => chromium.close(),
    get queue() { return { running: queue.running, waiting: queue.waiting } },
    county: COUNTY_CODE,
  }
}
export type BriefingService = ReturnType<typeof briefingService>
