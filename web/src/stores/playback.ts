// Playback: the map and every chart step through the range one day at a time (the view's range becomes that day,
// replacing the history entry, so Back after playing goes where it went before), then return to the full range.
// A store of its own, not the time bar's state: the report trend keeps showing the whole span played, with the day
// marked, instead of a one-point chart of the day.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { localDate, localDayStart } from '../../../domain/calendar'
import { DAY } from '../../../domain/time'
import { useViewStore } from './view'
import type { RangePreset } from './view-state'

/** How long each day is shown. */
export const PLAYBACK_STEP_MS = 1500

export const usePlaybackStore = defineStore('playback', () => {
  const view = useViewStore()
  /** The range being played (its first day's start and its length in days), and the view's range to go back to. */
  const span = ref<{ from: number; days: number; restore: { range: RangePreset; from: string | null; to: string | null } } | null>(null)
  const day = ref(0)
  let timer: ReturnType<typeof setInterval> | null = null

  const playing = computed(() => span.value !== null)
  /** The start of the day shown, epoch ms; null when not playing. */
  const dayStart = computed(() => (span.value ? span.value.from + day.value * DAY : null))

  function showDay(i: number) {
    if (!span.value) return
    day.value = i
    const d = localDate(span.value.from + i * DAY)
    view.setRange('custom', d, d, true)
  }

  /** Plays the range shown now from its first day. */
  function play() {
    if (span.value) return
    const from = localDayStart(view.range.from)
    const days = Math.max(1, Math.round((view.range.to - view.range.from) / DAY))
    span.value = { from, days, restore: { range: view.state.range, from: view.state.from, to: view.state.to } }
    showDay(0)
    timer = setInterval(() => {
      if (!span.value) return
      if (day.value + 1 >= span.value.days) return stop()
      showDay(day.value + 1)
    }, PLAYBACK_STEP_MS)
  }

  /** Stops and shows the range that was played. */
  function stop() {
    if (timer) clearInterval(timer)
    timer = null
    const s = span.value
    span.value = null
    if (s) view.setRange(s.restore.range, s.restore.from, s.restore.to, true)
  }

  return { span, day, playing, dayStart, play, stop, showDay }
})
