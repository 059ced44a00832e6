// Shared pieces of chart options, sized by the panel scale: 1 on the leader's map (text ≥ 12 px), larger on the wall.
// Every option builder takes `scale` and uses these, so one number resizes every chart's text together.
import type { InjectionKey, Ref } from 'vue'
import { inject, ref } from 'vue'

/** Provided by the panel columns from their `scale` prop; the wall passes e.g. 1.6. */
export const PANEL_SCALE: InjectionKey<Ref<number>> = Symbol('panel-scale')
export function usePanelScale(): Ref<number> {
  return inject(PANEL_SCALE, ref(1))
}

export const TEXT = '#e6f1ff'
export const DIM = '#8fb3d9'
export const ACCENT = '#36c6ff'
export const DANGER = '#ff4d4f'
/** theme.css --warn: the time bar's playing day, marked on the trend too. */
export const WARN = '#ffb020'

/** px × scale, never below 12 px. */
export const px = (size: number, scale: number) => Math.max(12, Math.round(size * scale))

export function axisLabel(scale: number, extra: Record<string, unknown> = {}) {
  return { color: DIM, fontSize: px(12, scale), ...extra }
}

/** The height one bar of a horizontal bar chart needs so its label stays legible at this scale. */
export const barRowPx = (scale: number) => px(12, scale) * 1.8

/** Labels of a horizontal bar chart's category axis: every bar keeps its name (ECharts would drop some when tight). */
export function categoryLabel(scale: number, maxChars: number) {
  return axisLabel(scale, { color: '#c9dcf2', interval: 0, formatter: (v: string) => clip(v, maxChars) })
}

export function tooltip(scale: number, extra: Record<string, unknown> = {}) {
  return { confine: true, textStyle: { color: TEXT, fontSize: px(13, scale) }, ...extra }
}

/**
 * A grid with small margins. ECharts 6 keeps axis labels inside the canvas by default (outerBoundsMode 'auto'
 * bounds them by the canvas), so long names shrink the plot instead of being cut off.
 */
export function grid(scale: number, extra: Record<string, unknown> = {}) {
  return { left: px(6, scale), right: px(14, scale), top: px(12, scale), bottom: px(4, scale), ...extra }
}

/** A category label cut to fit a horizontal bar chart's axis. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}
