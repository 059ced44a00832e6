// Region boundaries as loaded from the API, with an explicit status the UI can show.
import { defineStore } from 'pinia'
import { shallowRef, ref } from 'vue'
import { api } from '../api/client'
import type { RegionCollection } from '../api/client'

export const useRegionsStore = defineStore('regions', () => {
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle')
  const error = ref<string | null>(null)
  // Large, immutable GeoJSON: shallowRef so Vue does not make every coordinate reactive.
  const county = shallowRef<RegionCollection | null>(null)
  const townships = shallowRef<RegionCollection | null>(null)

  async function load() {
    status.value = 'loading'
    try {
      const [c, t] = await Promise.all([api.county(), api.townships()])
      county.value = c
      townships.value = t
      status.value = 'ready'
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err)
      status.value = 'error'
    }
  }

  return { status, error, county, townships, load }
})
