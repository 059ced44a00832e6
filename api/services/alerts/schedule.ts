// When alerts are evaluated: fully every minute, and for the grids that just had reports a moment after they came
// in (`debounceMs`: a burst of reports is one evaluation). The write path never waits for either: the incremental
// evaluation hears of reports from the event bus, after their transactions have committed and been answered.
// Started under store.lease('alerts', …) by the server, so with several API processes on one database one of them
// evaluates; the function returned stops it (the lease lost, the server stopping).
import type { EventBus } from '../event-bus'
import type { AlertEvaluator, EvaluationReport } from './evaluate'

export interface AlertScheduleOptions {
  evaluator: AlertEvaluator
  bus: EventBus
  now: () => number
  everyMs?: number
  debounceMs?: number
  /** Each evaluation's report (the server logs slow ones). */
  onReport?: (report: EvaluationReport) => void
}

export const FULL_EVALUATION_EVERY_MS = 60_000
export const INCREMENTAL_DEBOUNCE_MS = 2_000

export function startAlertSchedule({ evaluator, bus, now, everyMs = FULL_EVALUATION_EVERY_MS, debounceMs = INCREMENTAL_DEBOUNCE_MS, onReport }: AlertScheduleOptions): () => void {
  let stopped = false
  let fullRunning = false
  const failed = (what: string) => (err: unknown) => console.error(`alerts: the ${what} evaluation failed`, err)
  const report = (r: EvaluationReport) => { if (!stopped) onReport?.(r) }

  const full = () => {
    // A full evaluation slower than the period is not stacked behind itself: the next tick is skipped.
    if (stopped || fullRunning) return
    fullRunning = true
    evaluator.full(now()).then(report, failed('full')).finally(() => { fullRunning = false })
  }

  const pending = new Set<string>()
  let timer: ReturnType<typeof setTimeout> | null = null
  const flush = () => {
    timer = null
    if (stopped || pending.size === 0) return
    const grids = [...pending]
    pending.clear()
    evaluator.incremental(now(), grids).then(report, failed('incremental'))
  }
  const unsubscribe = bus.subscribe((ev) => {
    if (ev.kind !== 'incident.created' || ev.grid === null) return
    pending.add(ev.grid)
    timer ??= setTimeout(flush, debounceMs)
  })

  const first = setTimeout(full, 0)
  const every = setInterval(full, everyMs)
  return () => {
    stopped = true
    unsubscribe()
    clearTimeout(first)
    clearInterval(every)
    if (timer !== null) clearTimeout(timer)
  }
}
