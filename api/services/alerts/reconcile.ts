// Turns what an evaluation found into alerts. A finding whose subject has an open alert updates it — level,
// evidence, parameters' version, last_seen_at — and announces alert.updated only when it says something new (a
// level, other records); otherwise only last_seen_at moves, in one statement for all of them. A finding with no
// open alert raises one (alert.raised). A snoozed subject is neither raised nor announced, though its open alert
// is still seen (a snooze is not the condition clearing). Each raise or change is its own short transaction with
// its history row and change-feed event, so an evaluation never holds the write lock for long.
// A subject a person closed (已解除, 误报) is not raised again while its condition holds with the same evidence: the
// closed alert is seen instead. Something new (a level, other records), or the condition coming back after it had
// gone for REFIND_AFTER_MS, raises a new alert.
// Nothing here closes an alert: an alert not found again is left alone (an incremental evaluation looks at a few
// grids only); clearUnattended, run by the full evaluation, clears those nobody took up once 24 h have passed.
import { AUTO_CLEAR_AFTER_MS, AUTO_CLEAR_REASON } from '../../../domain/alerts/alert-status'
import { HOUR } from '../../../domain/time'
import type { Store } from '../../store'
import type { AlertRow } from '../../store/alerts'
import type { AlertPlaces } from './alert-record'
import { alertFeature } from './alert-record'
import type { Finding } from './finding'
import { changesAlert } from './finding'

/** A condition gone this long and back is raised afresh, even about a subject a person closed. */
export const REFIND_AFTER_MS = HOUR

/**
 * The reconcile runs on the API's thread (the worker thread only finds): at a million incidents the repeat-place rule
 * hands it ~5,300 findings, and SQLite's statements run synchronously, so without a turn of the event loop now and
 * then the whole reconcile is one stall for requests and event streams. Every this many findings, and between
 * chunks of the `seen` update, the loop gets a turn.
 */
const FINDINGS_PER_TURN = 250
const turn = () => new Promise<void>((resolve) => setImmediate(resolve))

export interface ReconcileResult { raised: number; updated: number; seen: number; snoozed: number }

export function alertWriter(store: Store, places: AlertPlaces) {
  const publish = async (kind: 'alert.raised' | 'alert.updated', row: AlertRow, at: number) =>
    await store.events.append(at, kind, row.id, row.township, alertFeature(row, places), row.grid)

  async function raiseOrUpdate(f: Finding, now: number, version: number): Promise<'raised' | 'updated' | 'seen'> {
    return await store.transaction(async () => {
      const open = await store.alerts.openBySubject(f.subject)
      const evidence = JSON.stringify(f.evidence)
      if (open === undefined) {
        const id = await store.alerts.insert({
          rule: f.rule, level: f.level, status: 'new', subject: f.subject, county: f.county, township: f.township, grid: f.grid,
          lng: f.point?.[0] ?? null, lat: f.point?.[1] ?? null, evidence, paramsVersion: version,
          raisedAt: now, lastSeenAt: now, closedAt: null, closeReason: null, updatedAt: now,
        })
        await store.alerts.addEvent({ alertId: id, at: now, action: 'raise', fromStatus: null, toStatus: 'new', note: null,
          detail: JSON.stringify({ level: f.level }), actor: null, actorName: null, actorRole: null })
        await publish('alert.raised', (await store.alerts.get(id))!, now)
        return 'raised'
      }
      if (!changesAlert(open, f)) {
        await store.alerts.seen([open.id], now)
        return 'seen'
      }
      await store.alerts.update(open.id, { level: f.level, evidence, paramsVersion: version, lastSeenAt: now }, now)
      if (open.level !== f.level) {
        await store.alerts.addEvent({ alertId: open.id, at: now, action: 'relevel', fromStatus: open.status, toStatus: open.status, note: null,
          detail: JSON.stringify({ from: open.level, to: f.level }), actor: null, actorName: null, actorRole: null })
      }
      await publish('alert.updated', (await store.alerts.get(open.id))!, now)
      return 'updated'
    })
  }

  return {
    publish,
    /** Raises or updates the alerts of one rule's findings (all of one rule: `version` is its parameters'). */
    async reconcile(rule: string, findings: readonly Finding[], now: number, version: number): Promise<ReconcileResult> {
      const result: ReconcileResult = { raised: 0, updated: 0, seen: 0, snoozed: 0 }
      if (findings.length === 0) return result
      const open = new Map((await store.alerts.openOf(rule)).map((a) => [a.subject, a]))
      const snoozed = await store.alerts.snoozedAt(now)
      const unchanged: number[] = []
      for (const [i, f] of findings.entries()) {
        if (i > 0 && i % FINDINGS_PER_TURN === 0) await turn()
        const known = open.get(f.subject)
        const closed = known ? undefined : await store.alerts.lastClosed(f.subject)
        const closedSame = closed && closed.closeReason !== AUTO_CLEAR_REASON && now - closed.lastSeenAt <= REFIND_AFTER_MS && !changesAlert(closed, f) ? closed : undefined
        if (snoozed.has(f.subject)) {
          result.snoozed++
          const still = known ?? closedSame
          if (still) unchanged.push(still.id)
          continue
        }
        if (known && !changesAlert(known, f)) {
          unchanged.push(known.id)
          continue
        }
        if (closedSame) {
          unchanged.push(closedSame.id)
          continue
        }
        result[await raiseOrUpdate(f, now, version)]++
      }
      for (let i = 0; i < unchanged.length; i += FINDINGS_PER_TURN * 4) {
        if (i > 0) await turn()
        await store.alerts.seen(unchanged.slice(i, i + FINDINGS_PER_TURN * 4), now)
      }
      result.seen += unchanged.length
      return result
    },

    /** Clears the alerts nobody took up (still new) whose condition has not held for AUTO_CLEAR_AFTER_MS. */
    async clearUnattended(now: number): Promise<number> {
      const cutoff = now - AUTO_CLEAR_AFTER_MS
      let cleared = 0
      for (const stale of await store.alerts.unattendedSince(cutoff)) {
        cleared += await store.transaction(async () => {
          const row = await store.alerts.getForUpdate(stale.id)
          if (!row || row.status !== 'new' || row.lastSeenAt >= cutoff) return 0
          await store.alerts.update(row.id, { status: 'cleared', closedAt: now, closeReason: AUTO_CLEAR_REASON }, now)
          await store.alerts.addEvent({ alertId: row.id, at: now, action: 'autoClear', fromStatus: 'new', toStatus: 'cleared', note: AUTO_CLEAR_REASON,
            detail: null, actor: null, actorName: null, actorRole: null })
          await publish('alert.updated', (await store.alerts.get(row.id))!, now)
          return 1
        })
      }
      return cleared
    },
  }
}
export type AlertWriter = ReturnType<typeof alertWriter>
