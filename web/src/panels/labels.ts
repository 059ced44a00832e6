// Labels of reference ids (categories, modules, levels, grades, departments …) in the view's language. The lists come
// from /api/reference; an id the reference does not know is shown as itself rather than hidden.
import { computed } from 'vue'
import type { Lang } from '../i18n'
import { useReferenceStore } from '../stores/reference'
import { useViewStore } from '../stores/view'
import type { MetricId, MetricUnit } from '../../../domain/metrics'
import type { ScoreboardMetricId } from '../../../domain/scoreboard'

/** An entry of a reference list (/api/reference): an id and its names. */
export interface Named { id: string; name: string; nameEn: string; shortName?: string; shortNameEn?: string }

export function nameIn(item: Named | undefined, lang: Lang, short = false): string | undefined {
  if (!item) return undefined
  if (short && item.shortName) return lang === 'en' ? (item.shortNameEn ?? item.shortName) : item.shortName
  return lang === 'en' ? item.nameEn : item.name
}

/** The name of `id` in `list`, or the id itself (a code the reference does not know is shown, not hidden). */
export function labelOf(list: readonly Named[] | undefined, id: unknown, lang: Lang, short = false): string {
  return nameIn(list?.find((x) => x.id === id), lang, short) ?? (typeof id === 'string' ? id : '')
}

export function useLabels() {
  const reference = useReferenceStore()
  const view = useViewStore()
  // Loaded once for the whole app; the panels may be the first to ask.
  if (reference.status === 'idle') void reference.load()
  const ref = computed(() => reference.data)

  return {
    ref,
    /** The label of `id` in `list`, or the id itself. */
    label: (list: readonly Named[] | undefined, id: string, short = false): string => labelOf(list, id, view.lang, short),
    /** A dashboard metric's name, or a 考核 scoreboard figure's (the map may be coloured by those at the county). */
    metricName(id: MetricId | ScoreboardMetricId): string {
      const def = reference.data?.metrics.find((m) => m.id === id) ?? reference.data?.scoreboard.metrics.find((m) => m.id === id)
      return nameIn(def, view.lang) ?? ''
    },
    metricUnit(id: MetricId | ScoreboardMetricId): MetricUnit {
      return reference.data?.metrics.find((m) => m.id === id)?.unit ?? reference.data?.scoreboard.metrics.find((m) => m.id === id)?.unit ?? 'count'
    },
  }
}
