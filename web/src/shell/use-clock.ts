// The time now, ticking once a second for as long as the component using it lives: the header's and the wall's clocks.
import { onBeforeUnmount, ref } from 'vue'
import type { Ref } from 'vue'

export function useClock(): Ref<number> {
  const now = ref(Date.now())
  const timer = setInterval(() => { now.value = Date.now() }, 1000)
  onBeforeUnmount(() => clearInterval(timer))
  return now
}
