// When records happen: a volume per month is spread over its days by weekday and over each day by hour of day
// (grid workers patrol in office hours, citizens call in the morning and afternoon, little happens at night).
// Counts are apportioned exactly, so a preset that must hit a figure (18,356) hits it.
import { DAY, HOUR } from '../../domain/time'
import type { Window } from '../../domain/calendar'
import { localDayStart, localWeekday } from '../../domain/calendar'
import type { Rng } from './random'
import { Weighted, apportion } from './random'

export interface TimeShape {
  /** Relative activity for each local hour 0–23. */
  readonly hours: readonly number[]
  /** Relative activity for each local weekday, Sunday first. */
  readonly weekdays: readonly number[]
}

/** Grid incidents: patrol peaks late morning and mid-afternoon, a lunch dip, a trickle at night. */
export const INCIDENT_SHAPE: TimeShape = {
  hours: [0.15, 0.1, 0.08, 0.08, 0.1, 0.2, 0.5, 1.0, 1.8, 2.4, 2.5, 2.1, 1.3, 1.5, 2.2, 2.4, 2.2, 1.6, 1.1, 0.9, 0.7, 0.5, 0.35, 0.2],
  weekdays: [0.7, 1.1, 1.1, 1.1, 1.1, 1.05, 0.8],
}

/** Office work (disputes accepted, whistles blown): working hours on working days, a little outside them. */
export const OFFICE_SHAPE: TimeShape = {
  hours: [0.02, 0.01, 0.01, 0.01, 0.01, 0.02, 0.05, 0.3, 1.6, 2.2, 2.2, 1.6, 0.4, 0.8, 2.0, 2.1, 1.9, 1.2, 0.4, 0.2, 0.15, 0.1, 0.05, 0.03],
  weekdays: [0.25, 1.1, 1.1, 1.1, 1.1, 1.05, 0.35],
}

/** How much of a day's activity falls before `end` (1 for a whole day). */
function dayWeight(shape: TimeShape, dayStart: number, end: number): number {
  const weekday = shape.weekdays[localWeekday(dayStart)] ?? 1
  let inDay = 0
  let before = 0
  shape.hours.forEach((w, h) => {
    const from = dayStart + h * HOUR
    inDay += w
    before += w * Math.min(1, Math.max(0, (end - from) / HOUR))
  })
  return (weekday * before) / inDay
}

export interface DaySlot {
  readonly dayStart: number
  /** End of the slot: the next midnight, or the window's end for a partial day. */
  readonly end: number
  readonly count: number
}

/** The relative activity of a window, for sizing a partial month against a whole one. */
export function windowWeight(shape: TimeShape, w: Window): number {
  let sum = 0
  for (let d = localDayStart(w.from); d < w.to; d += DAY) sum += dayWeight(shape, d, Math.min(d + DAY, w.to))
  return sum
}

/** `count` records of a window apportioned over its local days. */
export function spreadOverDays(shape: TimeShape, w: Window, count: number): DaySlot[] {
  const days: number[] = []
  for (let d = localDayStart(w.from); d < w.to; d += DAY) days.push(d)
  const counts = apportion(count, days.map((d) => dayWeight(shape, d, Math.min(d + DAY, w.to))))
  return days.map((dayStart, i) => ({ dayStart, end: Math.min(dayStart + DAY, w.to), count: counts[i] ?? 0 }))
}

/** `slot.count` instants inside the slot, whole seconds, ascending: ids then follow time, as live intake does. */
export function sampleTimes(rng: Rng, shape: TimeShape, slot: DaySlot): number[] {
  if (slot.count === 0) return []
  const hours = new Weighted(
    shape.hours.map((w, h): [number, number] => [h, w * Math.min(1, Math.max(0, (slot.end - slot.dayStart - h * HOUR) / HOUR))]),
  )
  const out: number[] = []
  for (let i = 0; i < slot.count; i++) {
    const from = slot.dayStart + hours.draw(rng) * HOUR
    const to = Math.min(from + HOUR, slot.end)
    out.push(Math.floor(rng.between(from, to) / 1000) * 1000)
  }
  return out.sort((a, b) => a - b)
}
