// The daily briefings: at BRIEFING_AT (local time, UTC+8) the county's and each township's briefing of the last 30
// days, as they stand at that minute, rendered one after another and stored; then what is past retention goes.
// Checked every minute, so a server started after the hour still makes the day's; a briefing already stored for
// the same scope and period is not made again (a restart, or another process that held the lease before).
// Started under store.lease('briefings') by the server: one process of those sharing a database renders.
import { COUNTY_CODE } from '../../domain/regions'
import type { Principal } from '../auth/principal'
import type { BriefingView } from './briefing-view'
import { DEFAULT_BRIEFING_DAYS } from './briefing-view'
import type { BriefingService } from './service'

const DAY = 86_400_000
const LOCAL_OFFSET = 8 * 3600_000

/** Who a scheduled briefing is rendered as: the county's reach, read-only, named in the watermark and audit. */
export const SCHEDULE_PRINCIPAL: Principal = {
  kind: 'token', id: 0, actor: 'briefing-schedule', name: '定时简报', role: 'leader', township: null, grids: [],
  department: null, reach: { level: 'county' }, via: 'session',
}

export interface BriefingTime { hour: number; minute: number }

/** The views due at `now`: today's slot if it has passed (else none), for the county and every township. */
export function dueViews(at: BriefingTime, now: number, townships: readonly string[]): BriefingView[] {
  const localMidnight = Math.floor((now + LOCAL_OFFSET) / DAY) * DAY - LOCAL_OFFSET
  const slot = localMidnight + (at.hour * 60 + at.minute) * 60_000
  if (now < slot) return []
  const from = localMidnight - DEFAULT_BRIEFING_DAYS * DAY
  return [COUNTY_CODE, ...townships].map((scope) => ({ scope, from, to: slot, asOf: slot, lang: 'zh' as const }))
}

export function startBriefingSchedule(o: {
  service: BriefingService; at: BriefingTime; townships: readonly string[]; now: () => number
  onError?: (scope: string, err: unknown) => void
}): () => void {
  let running = false
  let stopped = false
  const tick = async () => {
    if (running || stopped) return
    running = true
    try {
      for (const view of dueViews(o.at, o.now(), o.townships)) {
        if (stopped) break
        if (await o.service.scheduledExists(view)) continue
        await o.service.renderScheduled(SCHEDULE_PRINCIPAL, view).catch((err: unknown) => o.onError?.(view.scope, err))
      }
      await o.service.prune()
    } finally {
      running = false
    }
  }
  const timer = setInterval(() => { void tick().catch((err: unknown) => o.onError?.('*', err)) }, 60_000)
  timer.unref()
  void tick().catch((err: unknown) => o.onError?.('*', err))
  return () => { stopped = true; clearInterval(timer) }
}
