// The live size of an element (or of a component's root), for panels that show as many rows as fit their box:
// the same panel then reads well on the leader's map and, with larger text, on the wall. The target may appear
// later (panel bodies render once data is in), so it is watched rather than read once at mount.
import { onBeforeUnmount, ref, watch } from 'vue'
import type { ComponentPublicInstance, Ref } from 'vue'

export function useElementSize(target: Ref<HTMLElement | ComponentPublicInstance | null | undefined>) {
  const width = ref(0)
  const height = ref(0)
  const observer = new ResizeObserver(([entry]) => {
    if (!entry) return
    width.value = entry.contentRect.width
    height.value = entry.contentRect.height
  })
  watch(target, (t) => {
    observer.disconnect()
    const el = t instanceof HTMLElement ? t : (t?.$el as HTMLElement | undefined)
    if (el) observer.observe(el)
  }, { flush: 'post', immediate: true })
  onBeforeUnmount(() => observer.disconnect())
  return { width, height }
}

/** How many rows of `rowPx` fit in `height` (at least `min`; all of them before the first measurement). */
export function rowsThatFit(height: number, rowPx: number, min = 3): number {
  if (height <= 0) return Number.POSITIVE_INFINITY
  return Math.max(min, Math.floor(height / rowPx))
}
