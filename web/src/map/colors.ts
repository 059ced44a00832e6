// The palette shared by overlays, legends and panels: one place, so the map and the charts agree.
export const STATUS_COLORS = { closed: '#3ddc97', open: '#36c6ff', overdue: '#ff4d4f' } as const
export const GRADE_COLORS = { red: '#ff4d4f', orange: '#ff9f1a', yellow: '#ffd23f', blue: '#3a8dff' } as const
/** 红 / 橙 / 黄 alerts (研判预警): the grade colours, so a red alert and a red-grade site read alike. */
export const ALERT_LEVEL_COLORS = { red: GRADE_COLORS.red, orange: GRADE_COLORS.orange, yellow: GRADE_COLORS.yellow } as const
export const LEVEL_COLORS = { village: '#3ddc97', township: '#ffb020', county: '#ff6b9a' } as const
export const SLA_COLORS = { ok: '#3ddc97', 'due-soon': '#ffb020', breached: '#ff4d4f' } as const
/** Choropleth ramp, 0 = calm, 1 = needs attention. */
export const RAMP = ['#0f3460', '#1f6fb2', '#2bb3d9', '#f5c04a', '#ff5a4f'] as const

/** A region with no value (its basis is empty, or none yet): grey, outside the ramp, named 无数据 in the legends. */
export const NO_DATA_COLOR = '#6b7480'
/** A region whose value is not loaded, or outside what the caller may see: the map's own ground, not a finding. */
export const NO_VALUE_COLOR = '#16324f'

/**
 * A MapLibre interpolate expression over feature-state `t` (0..1): grey where the metric has no basis (state
 * `noData`, the 无数据 of the legend), the map's ground where no value was loaded (a grid worker's neighbours).
 */
export function rampExpression(): unknown[] {
  const stops = RAMP.flatMap((c, i) => [i / (RAMP.length - 1), c])
  return ['case', ['boolean', ['feature-state', 'noData'], false], NO_DATA_COLOR,
    ['==', ['feature-state', 't'], null], NO_VALUE_COLOR,
    ['interpolate', ['linear'], ['feature-state', 't'], ...stops]]
}
