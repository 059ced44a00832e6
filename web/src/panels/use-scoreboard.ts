// The 考核 table bound to the view's range, for the leader's panel and the wall's page alike: one request per unit
// kind (township or department), refetched when the range changes or the live stream says figures moved; each cell
// formatted by its metric's unit, with why it is empty, and whether it stands among the best or worst three.
import { computed, ref, watch } from 'vue'
import type { Ref } from 'vue'
import { DEPARTMENTS } from '../../../domain/departments'
import { COUNTY_CODE } from '../../../domain/regions'
import { formatValue } from '../i18n/format'
import { scoreboardMessages } from '../i18n/scoreboard'
import { scoreboardApi } from '../api/scoreboard'
import type { Scoreboard, ScoreboardBy } from '../api/scoreboard'
import type { ScoreCount } from '../../../domain/scoreboard'
import { useViewStore } from '../stores/view'
import { scoreboardMetric } from './scoreboard-metrics'
import type { ScoreboardMetricMeta } from './scoreboard-metrics'
import { standings } from './scoreboard-table'
import type { ScoredRow, Standing } from './scoreboard-table'
import { usePanelFetch } from './use-panel-fetch'

export interface ScoreCell {
  id: string
  value: number | null
  /** The figure as shown: by unit, '—' when there is none. */
  text: string
  /** Why there is no figure (the cell's tooltip), else null. */
  reason: string | null
  standing: Standing
  /** What the value was taken over (domain/scoreboard.ts says what each metric's numerator and denominator count). */
  counts: ScoreCount | undefined
}

export interface ScoreTableRow extends ScoredRow {
  /** The name a narrow column shows: a department's short name (综合执法); a township's name. `name` is the full one. */
  short: string
  cells: ScoreCell[]
}

/** A department's short name in `lang`, or undefined for a code that is no department (a township's). */
function departmentShort(code: string, lang: string): string | undefined {
  const d = DEPARTMENTS.find((x) => x.id === code)
  return d && (lang === 'en' ? d.shortNameEn : d.shortName)
}

export function useScoreboard(by: Ref<ScoreboardBy>) {
  const view = useViewStore()
  const s = scoreboardMessages(view.lang)
  /** A grid worker has no township or department to compare: nothing is asked (the API would refuse it). */
  const outOfReach = computed(() => !view.reaches(view.township ?? COUNTY_CODE))
  const fetch = usePanelFetch<Scoreboard | null>(
    () => JSON.stringify([by.value, view.range.from, view.range.to, outOfReach.value]),
    (signal) => (outOfReach.value ? Promise.resolve(null) : scoreboardApi.get(by.value, view.range.from, view.range.to, signal)),
  )
  /** When the figures on screen were answered (the wall shows it). */
  const answeredAt = ref<number | null>(null)
  watch(fetch.data, () => { answeredAt.value = Date.now() })

  // The answer's own `by`: until the other tab's answer is in, the rows shown stay those of the answer shown.
  const shownBy = computed(() => fetch.data.value?.by ?? by.value)
  const columns = computed((): ScoreboardMetricMeta[] => (fetch.data.value?.metrics ?? []).flatMap((id) => scoreboardMetric(id) ?? []))
  const rows = computed((): ScoreTableRow[] => {
    const answer = fetch.data.value
    if (!answer) return []
    const marks = columns.value.map((c) => standings(answer.rows.map((r) => r.values[c.id]), c.higherIsBetter))
    return answer.rows.map((r, i) => ({
      code: r.unit.code,
      name: view.lang === 'en' ? r.unit.nameEn : r.unit.name,
      short: departmentShort(r.unit.code, view.lang) ?? (view.lang === 'en' ? r.unit.nameEn : r.unit.name),
      values: r.values as Record<string, number | null>,
      cells: columns.value.map((c, j) => {
        const value = r.values[c.id] ?? null
        return {
          id: c.id, value, counts: (r.counts as Record<string, ScoreCount | undefined>)[c.id],
          text: value === null ? '—' : formatValue(value, c.unit, view.lang),
          reason: value === null ? s.noValue[c.id] : null,
          standing: marks[j]![i] ?? null,
        }
      }),
    }))
  })

  return { fetch, outOfReach, shownBy, columns, rows, answeredAt }
}
