// The queue's state: the department's items as the server last answered (asked again on every event of its
// stream, which the server filters to the department's own items, at most every REFETCH_MS, and each minute), a
// clock that ticks each second for the countdowns (set to the server's time, so "overdue" agrees with the API), the
// items that arrived since the page opened (the cue), and the actions, each shown at once from its answer.
import { computed, onBeforeUnmount, ref, shallowRef } from 'vue'
import type { DepartmentId } from '../../../domain/departments'
import { ApiRequestError } from '../api/client'
import { useLiveStore } from '../stores/live'
import { trackArrivals } from './arrivals'
import type { Beeper } from './beep'
import { fetchQueue, sendTransition } from './queue-api'
import type { TransitionAnswer } from './queue-api'
import type { QueueAction, TransitionBody } from './queue-actions'
import type { QueueItem } from './queue-item'
import { itemKey } from './queue-item'
import { countQueue, sortQueue } from './queue-order'

/** Events come in bursts (a batch of dispatches): one request for the burst. */
export const REFETCH_MS = 300
/** Due-soon flags and anything the stream missed are refreshed this often. */
export const POLL_MS = 60_000
/** Statuses in which an item is still the department's work; any other leaves the list. */
const OPEN = new Set(['dispatched', 'handling', 'whistled', 'acknowledged', 'arrived'])

/** For browser tests: how many cues the page gave and how many of them it heard. */
export interface QueueTestHook { cues: number; beeps: number }
declare global { interface Window { __onemapQueue?: QueueTestHook } }

export type ActionOutcome = { ok: true; status: string } | { ok: false; code: string; message: string }

export function useQueue(beeper: Beeper, sound: () => boolean) {
  const live = useLiveStore()
  const items = shallowRef<QueueItem[]>([])
  const department = ref<DepartmentId | null>(null)
  const status = ref<'loading' | 'ready' | 'error'>('loading')
  /** Server time minus this page's time, from the last answer. */
  let skew = 0
  const now = ref(Date.now())
  /** Arrived since the page opened and not yet looked at: flashed in the list, ringed on the map. */
  const fresh = ref<ReadonlySet<string>>(new Set())
  const arrivals = trackArrivals()
  const hook: QueueTestHook = (window.__onemapQueue = { cues: 0, beeps: 0 })
  /** Bumped by every action: an answer asked for before it would undo the step it shows. */
  let generation = 0
  let timer: ReturnType<typeof setTimeout> | null = null

  async function load() {
    const asked = generation
    try {
      const answer = await fetchQueue()
      if (asked !== generation) return
      skew = Date.parse(answer.now) - Date.now()
      now.value = Date.now() + skew
      department.value = answer.department
      items.value = sortQueue(answer.items)
      status.value = 'ready'
      const arrived = arrivals.next(answer.items)
      const present = new Set(answer.items.map(itemKey))
      const kept = [...fresh.value].filter((k) => present.has(k))
      if (arrived.length || kept.length !== fresh.value.size) fresh.value = new Set([...kept, ...arrived])
      if (arrived.length) cue()
    } catch (err) {
      if (asked !== generation) return
      // A 401 shows the sign-in screen (client.ts); anything else keeps the last list and tries again at the poll.
      if (status.value === 'loading' || !(err instanceof ApiRequestError)) status.value = items.value.length ? 'ready' : 'error'
    }
  }

  function cue() {
    hook.cues++
    if (sound() && beeper.play()) hook.beeps++
  }

  function soon() {
    if (timer) return
    timer = setTimeout(() => { timer = null; void load() }, REFETCH_MS)
  }

  function seen(key: string) {
    if (!fresh.value.has(key)) return
    const next = new Set(fresh.value)
    next.delete(key)
    fresh.value = next
  }

  /** Shows the step at once from the transition's answer; an item that is no longer open leaves the list. */
  function apply(item: QueueItem, answer: TransitionAnswer) {
    const key = itemKey(item)
    items.value = OPEN.has(answer.status)
      ? sortQueue(items.value.map((i) => (itemKey(i) === key
        ? { ...i, status: answer.status, allowedActions: answer.allowedActions, updatedAt: answer.updatedAt, dueAt: answer.dueAt, overdue: answer.overdue ?? i.overdue }
        : i)))
      : items.value.filter((i) => itemKey(i) !== key)
  }

  async function act(item: QueueItem, body: TransitionBody): Promise<ActionOutcome> {
    seen(itemKey(item))
    generation++
    try {
      const answer = await sendTransition(item, body)
      generation++
      if (answer) apply(item, answer)
      soon()
      return { ok: true, status: answer?.status ?? item.status }
    } catch (err) {
      generation++
      // A conflict (someone acted first) or a refusal: the list is asked again so it shows the item as it is now.
      void load()
      return err instanceof ApiRequestError
        ? { ok: false, code: err.code, message: err.message }
        : { ok: false, code: 'network', message: String(err) }
    }
  }

  const counts = computed(() => countQueue(items.value, now.value))

  const ticker = setInterval(() => { now.value = Date.now() + skew }, 1000)
  const poll = setInterval(() => { void load() }, POLL_MS)
  const stopEvents = live.onEvent(soon)
  live.connect()
  void load()
  onBeforeUnmount(() => {
    clearInterval(ticker)
    clearInterval(poll)
    stopEvents()
    if (timer) clearTimeout(timer)
  })

  return { items, department, status, now, counts, fresh, connected: computed(() => live.connected), act, seen, reload: load }
}

export type { QueueAction }
