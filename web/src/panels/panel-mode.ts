// Whether the panels are touched (the leader's map) or only read from a distance (the wall). Hints such as
// "click to drill down" mean nothing on a screen nobody clicks, so the wall's columns provide `false`.
import type { InjectionKey, Ref } from 'vue'
import { inject, ref } from 'vue'

export const PANEL_INTERACTIVE: InjectionKey<Ref<boolean>> = Symbol('panel-interactive')
export function usePanelInteractive(): Ref<boolean> {
  return inject(PANEL_INTERACTIVE, ref(true))
}
