// The open alerts as the screens list them — 红 first, newest first within a level — each with its level's colour
// and name, its heading, its place (township › grid), when it was raised and its evidence in one line. The leader's
// 预警 panel and the wall's 预警 page read the same rows, so the two never word an alert differently.
import { computed } from 'vue'
import { ALERT_LEVEL_IDS } from '../../../domain/alerts/rule'
import type { AlertFeature } from './alert-feature'
import { evidenceLine, levelName, statusName } from './alert-feature'
import { useAlertTitle } from './use-alert-title'
import { alertMessages } from '../i18n/alerts'
import { formatMoment } from '../i18n/format'
import { ALERT_LEVEL_COLORS } from '../map/colors'
import { useAlertsStore } from '../stores/alerts'
import { useRegionsStore } from '../stores/regions'
import { useViewStore } from '../stores/view'

export function useAlertRows() {
  const view = useViewStore()
  const title = useAlertTitle()
  const alerts = useAlertsStore()
  const regions = useRegionsStore()
  const t = alertMessages(view.lang)

  /** Township › grid, or the one of them it has. */
  function placeOf(f: AlertFeature): string {
    const p = f.properties
    return [p.township, p.grid].filter((c): c is string => typeof c === 'string' && c !== '').map((c) => regions.nameOf(c)).join(' › ')
  }

  const levels = computed(() => ALERT_LEVEL_IDS.map((id) => ({ id, color: ALERT_LEVEL_COLORS[id], n: alerts.countByLevel[id] ?? 0, name: levelName(id, view.lang) })))

  const rows = computed(() => alerts.sorted.map((f) => ({
    f,
    id: f.properties.id,
    level: f.properties.level,
    color: ALERT_LEVEL_COLORS[f.properties.level as keyof typeof ALERT_LEVEL_COLORS] ?? '#8fb3d9',
    levelName: levelName(f.properties.level, view.lang),
    title: title(f.properties),
    place: placeOf(f),
    when: formatMoment(f.properties.raisedAt, view.lang, view.now),
    evidence: evidenceLine(f.properties.evidence, view.lang, t, f.properties.rule),
    status: statusName(f.properties.status, view.lang),
    fresh: f.properties.status === 'new',
    selected: view.state.selected === `alert:${f.properties.id}`,
  })))

  return { levels, rows }
}
export type AlertRow = ReturnType<typeof useAlertRows>['rows']['value'][number]
