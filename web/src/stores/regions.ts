// Region boundaries as loaded from the API, with an explicit status the UI can show. All of them load once at
// start (about 150 kB compressed): names for breadcrumbs, rankings and cards come from here, never from constants.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { api } from '../api/client'
import type { RegionCollection, RegionProps } from '../api/client'
import type { Feature, Geometry } from 'geojson'

export type RegionFeature = Feature<Geometry, RegionProps>

export const useRegionsStore = defineStore('regions', () => {
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle')
  const error = ref<string | null>(null)
  // Large, immutable GeoJSON: shallowRef so Vue does not make every coordinate reactive.
  const county = shallowRef<RegionCollection | null>(null)
  const townships = shallowRef<RegionCollection | null>(null)
  const villages = shallowRef<RegionCollection | null>(null)
  const grids = shallowRef<RegionCollection | null>(null)

  const byId = computed(() => {
    const map = new Map<string, RegionFeature>()
    for (const fc of [county.value, townships.value, villages.value, grids.value]) {
      for (const f of fc?.features ?? []) map.set(f.properties.id, f)
    }
    return map
  })

  async function load() {
    status.value = 'loading'
    try {
      const [c, t, v, g] = await Promise.all([api.county(), api.townships(), api.villages(), api.grids()])
      county.value = c
      townships.value = t
      villages.value = v
      grids.value = g
      status.value = 'ready'
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err)
      status.value = 'error'
    }
  }

  /** The display name of a scope, in Chinese (region names are proper nouns and stay Chinese in English). */
  const nameOf = (id: string) => byId.value.get(id)?.properties.name ?? id

  return { status, error, county, townships, villages, grids, byId, nameOf, load }
})
