// Reference lists from /api/reference (departments, modules, categories, types, statuses …): the web builds its
// legends, filters and labels from them, never from its own copies.
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { api } from '../api/client'
import type { Reference } from '../../../domain/reference'

export const useReferenceStore = defineStore('reference', () => {
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle')
  const data = shallowRef<Reference | null>(null)
  /** Loads once; later calls (App and panels both ask) reuse the first. */
  async function load() {
    if (status.value === 'loading' || status.value === 'ready') return
    status.value = 'loading'
    try {
      data.value = await api.reference()
      status.value = 'ready'
    } catch {
      status.value = 'error'
    }
  }
  return { status, data, load }
})
