// One fetch lifecycle for every panel: refetch when the request changes (scope, range, filters, metric …) or when
// the live stream says figures changed; abort the request it replaces, so a slow answer for an old view can never
// overwrite a newer one; keep the last good data on screen while the next one loads, so panels do not flash.
import { onScopeDispose, ref, shallowRef, watch } from 'vue'
import type { Ref, ShallowRef } from 'vue'
import { useLiveStore } from '../stores/live'

export type PanelStatus = 'idle' | 'loading' | 'ready' | 'error'

export interface PanelFetch<T> {
  status: Ref<PanelStatus>
  data: ShallowRef<T | null>
  error: Ref<string | null>
  reload: () => void
}

/**
 * @param key   a string that identifies the request (e.g. its query string); a change triggers a refetch
 * @param load  the request itself; it must pass `signal` on to fetch
 */
export function usePanelFetch<T>(key: () => string | null, load: (signal: AbortSignal) => Promise<T>): PanelFetch<T> {
  const live = useLiveStore()
  const status = ref<PanelStatus>('idle')
  const data = shallowRef<T | null>(null)
  const error = ref<string | null>(null)
  let controller: AbortController | null = null

  async function run() {
    controller?.abort()
    if (key() === null) return // not ready to ask yet (e.g. the reference is still loading)
    const mine = new AbortController()
    controller = mine
    status.value = 'loading'
    try {
      const result = await load(mine.signal)
      if (mine.signal.aborted) return
      data.value = result
      error.value = null
      status.value = 'ready'
    } catch (err) {
      if (mine.signal.aborted) return
      error.value = err instanceof Error ? err.message : String(err)
      status.value = 'error'
    }
  }

  watch([key, () => live.revision], run, { immediate: true })
  onScopeDispose(() => controller?.abort())
  return { status, data, error, reload: run }
}
