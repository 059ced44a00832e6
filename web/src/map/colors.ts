// The palette shared by overlays, legends and panels: one place, so the map and the charts agree.
export const STATUS_COLORS = { closed: '#3ddc97', open: '#36c6ff', overdue: '#ff4d4f' } as const
export const GRADE_COLORS = { red: '#ff4d4f', orange: '#ff9f1a', yellow: '#ffd23f', blue: '#3a8dff' } as const
export const LEVEL_COLORS = { village: '#3ddc97', township: '#ffb020', county: '#ff6b9a' } as const
export const SLA_COLORS = { ok: '#3ddc97', 'due-soon': '#ffb020', breached: '#ff4d4f' } as const
/** Choropleth ramp, 0 = calm, 1 = needs attention. */
export const RAMP = ['#0f3460', '#1f6fb2', '#2bb3d9', '#f5c04a', '#ff5a4f'] as const

/** A region with no value (its basis is empty, or none yet): grey, outside the ramp, named 无数据 in the legends. */
export const NO_DATA_COLOR = '#6b7480'

/** A MapLibre interpolate expression over feature-state `t` (0..1), grey where there is no value. */
export function rampExpression(): unknown[] {
  const stops = RAMP.flatMap((c, i) => [i / (RAMP.length - 1), c])
  return ['case', ['==', ['feature-state', 't'], null], NO_DATA_COLOR, ['interpolate', ['linear'], ['feature-state', 't'], ...stops]]
}
