// Scores a replay against what the seed planted (api/seed/planted-history.ts): per rule and strength, how many
// were found (recall), how long from the anomaly's start to its alert, and the spike rule's false alarms — alerts
// on no planted burst — per replayed day, county-wide. Repeat places and late calls the seed did not plant are
// real conditions of the drawn data (the rule's definition holds for them), counted apart, not as false alarms.
import { REPEAT_PLACE_RULE } from '../../domain/alerts/repeat-place'
import { defaultParams } from '../../domain/alerts/rule'
import { SPIKE_RULE } from '../../domain/alerts/spike'
import { WHISTLE_UNANSWERED_RULE } from '../../domain/alerts/whistle-unanswered'
import { getIncidentType } from '../../domain/catalogue'
import { DAY, HOUR } from '../../domain/time'
import { WHISTLE_SLA } from '../../domain/whistle'
import type { PlantedManifest } from '../../api/seed/planted-history'
import { BASE_RATES, REPEAT_SIZES, SPIKE_STRENGTHS } from '../../api/seed/planted-history'

export interface RaisedAlert { id: number; rule: string; subject: string; grid: string | null; raisedAt: number; evidence: { recordIds?: number[]; category?: string } }

export interface Found { planted: number; found: number; recall: number; medianHours: number | null; maxHours: number | null }
export interface BacktestScore {
  days: number
  spike: Record<string, Found> & { falseAlarms: number; falseAlarmsPerDay: number }
  spikeByBase: Record<string, Found>
  repeat: Record<string, Found> & { unplanted: number }
  calls: Found & { unplanted: number }
  /** The targets, each with whether it was met. */
  targets: { name: string; met: boolean; value: string }[]
}

const median = (xs: number[]) => {
  if (xs.length === 0) return null
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}
const hours = (ms: number) => Math.round((ms / HOUR) * 10) / 10

function found(delays: (number | null)[]): Found {
  const hit = delays.filter((d): d is number => d !== null)
  return {
    planted: delays.length, found: hit.length, recall: delays.length === 0 ? 0 : Math.round((hit.length / delays.length) * 1000) / 1000,
    medianHours: hit.length ? hours(median(hit)!) : null, maxHours: hit.length ? Math.max(...hit.map(hours)) : null,
  }
}

export function scoreBacktest(manifest: PlantedManifest, alerts: readonly RaisedAlert[], window: { from: number; to: number; spikeFrom: number }): BacktestScore {
  const byRule = (rule: string) => alerts.filter((a) => a.rule === rule)
  const spikes = byRule(SPIKE_RULE.id).filter((a) => a.raisedAt >= window.spikeFrom)
  const matched = new Set<number>()
  const spikeDelay = (grid: string, category: string, from: number, to: number) => {
    const hit = spikes.find((a) => a.grid === grid && a.evidence.category === category && a.raisedAt >= from && a.raisedAt <= to + HOUR)
    if (!hit) return null
    matched.add(hit.id)
    return hit.raisedAt - from
  }
  const spikeDelays = manifest.spikes.map((s) => ({ s, delay: spikeDelay(s.grid, s.category, s.from, s.to) }))
  // The bursts planted at `now` for a fresh demo are planted too: an alert on them is no false alarm.
  for (const r of manifest.live.reports) {
    const category = getIncidentType(r.type)?.category
    if (category) spikeDelay(r.grid, category, window.to - 60 * DAY, window.to)
  }
  const falseAlarms = spikes.filter((a) => !matched.has(a.id)).length
  const days = Math.max(1, (window.to - window.spikeFrom) / DAY)

  const repeats = byRule(REPEAT_PLACE_RULE.id)
  const usedRepeat = new Set<number>()
  const repeatDelays = manifest.repeats.map((r) => {
    const need = Math.min(r.size, defaultParams(REPEAT_PLACE_RULE).minReports!)
    const hit = repeats.find((a) => (a.evidence.recordIds ?? []).filter((id) => r.ids.includes(id)).length >= need)
    if (!hit) return { r, delay: null }
    usedRepeat.add(hit.id)
    // Its start: the report that made it a repeat place (the third at the rule's default).
    return { r, delay: hit.raisedAt - r.times[need - 1]! }
  })
  const calls = byRule(WHISTLE_UNANSWERED_RULE.id)
  const callDelays = manifest.calls.map((c) => {
    const hit = calls.find((a) => a.subject === `${WHISTLE_UNANSWERED_RULE.id}|call|${c.id}`)
    return hit ? hit.raisedAt - (c.at + WHISTLE_SLA.acknowledgeMs) : null
  })
  const plantedCalls = new Set(manifest.calls.map((c) => `${WHISTLE_UNANSWERED_RULE.id}|call|${c.id}`))

  const spike: BacktestScore['spike'] = Object.assign(
    Object.fromEntries(SPIKE_STRENGTHS.map((k) => [`${k}x`, found(spikeDelays.filter((d) => d.s.strength === k).map((d) => d.delay))])),
    { falseAlarms, falseAlarmsPerDay: Math.round((falseAlarms / days) * 100) / 100 })
  const spikeByBase = Object.fromEntries(BASE_RATES.flatMap(({ id: b }) => SPIKE_STRENGTHS.map((k) =>
    [`${k}x ${b}`, found(spikeDelays.filter((d) => d.s.strength === k && d.s.base === b).map((d) => d.delay))])))
  const repeat: BacktestScore['repeat'] = Object.assign(
    Object.fromEntries(REPEAT_SIZES.map((n) => [`${n} reports`, found(repeatDelays.filter((d) => d.r.size === n).map((d) => d.delay))])),
    { unplanted: repeats.filter((a) => !usedRepeat.has(a.id)).length })
  const late = Object.assign(found(callDelays), { unplanted: calls.filter((a) => a.subject.includes('|call|') && !plantedCalls.has(a.subject)).length })

  const targets = [
    ...[5, 10].map((k) => ({ name: `spike recall at ${k}x ≥ 0.9`, met: spike[`${k}x`]!.recall >= 0.9, value: String(spike[`${k}x`]!.recall) })),
    { name: 'spike false alarms ≤ 1 a day county-wide', met: spike.falseAlarmsPerDay <= 1, value: String(spike.falseAlarmsPerDay) },
    ...[4, 6].map((n) => ({ name: `every repeat place of ${n} found`, met: repeat[`${n} reports`]!.recall === 1, value: `${repeat[`${n} reports`]!.found}/${repeat[`${n} reports`]!.planted}` })),
  ]
  return { days: Math.round(days), spike, spikeByBase, repeat, calls: late, targets }
}
