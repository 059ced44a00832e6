// Replays a seeded history through the warning rules as a server would have met it: the clock steps through the
// period and, at each step, the rules run over what had happened by then, writing alerts exactly as the live
// evaluator does (reconcile, the automatic clear). Each rule at its own pace: spike and whistle-unanswered every
// step (the server evaluates on each report and every minute), repeat place and the automatic clear once a day.
// The spike rule starts after its 8-week baseline exists; before that it would judge against an empty past.
import { REPEAT_PLACE_RULE } from '../../domain/alerts/repeat-place'
import { SPIKE_RULE } from '../../domain/alerts/spike'
import { WHISTLE_UNANSWERED_RULE } from '../../domain/alerts/whistle-unanswered'
import { DAY, HOUR } from '../../domain/time'
import { alertService } from '../../api/services/alerts/alerts'
import type { Regions } from '../../api/services/regions'
import type { Store } from '../../api/store'

export const SPIKE_WARM_UP_MS = 63 * DAY

export interface ReplayOptions {
  store: Store
  regions: Regions
  from: number
  to: number
  stepMs?: number
  /** Called once a replayed day with the day's end, for a progress line. */
  onDay?: (at: number) => void
}

/** Replays [from, to] and leaves the alerts it raised in the store (every earlier alert removed first). */
export async function replayAlerts({ store, regions, from, to, stepMs = HOUR, onDay }: ReplayOptions): Promise<{ steps: number; spikeFrom: number }> {
  let clock = from
  const { evaluator } = alertService({ store, regions, now: () => clock })
  await store.sql.run('DELETE FROM alert_events')
  await store.sql.run('DELETE FROM alert_snoozes')
  await store.sql.run('DELETE FROM alerts')
  const spikeFrom = from + SPIKE_WARM_UP_MS
  let steps = 0
  let nextDay = from + DAY
  for (let t = from; t <= to; t += stepMs) {
    clock = t
    await evaluator.rules(t, t >= spikeFrom ? [SPIKE_RULE.id, WHISTLE_UNANSWERED_RULE.id] : [WHISTLE_UNANSWERED_RULE.id], false)
    if (t >= nextDay) {
      await evaluator.rules(t, [REPEAT_PLACE_RULE.id], true)
      onDay?.(t)
      nextDay += DAY
    }
    steps++
  }
  return { steps, spikeFrom }
}
