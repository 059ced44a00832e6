// The "开启提示音" toggle: off until the clerk turns it on (a click: the gesture a browser needs before it plays
// sound), remembered for the next visit, when it takes effect at the page's first click or key press.
import { onBeforeUnmount, ref } from 'vue'
import type { Beeper } from './beep'

const KEY = 'onemap.queue.sound'

export function useSound(beeper: Beeper) {
  const wanted = ref(readPreference())
  /** Whether the audio context runs: sound wanted but not yet running waits for a gesture. */
  const running = ref(false)

  const unlockOnGesture = () => {
    if (!wanted.value) return
    beeper.unlock()
    // resume() settles a moment later.
    setTimeout(() => { running.value = beeper.ready() }, 50)
  }
  window.addEventListener('pointerdown', unlockOnGesture, true)
  window.addEventListener('keydown', unlockOnGesture, true)
  onBeforeUnmount(() => {
    window.removeEventListener('pointerdown', unlockOnGesture, true)
    window.removeEventListener('keydown', unlockOnGesture, true)
  })

  function toggle() {
    wanted.value = !wanted.value
    writePreference(wanted.value)
    if (wanted.value) {
      beeper.unlock()
      // Played on the click itself, so the clerk hears what the cue sounds like (and that the speakers are on).
      setTimeout(() => { running.value = beeper.ready(); beeper.play() }, 50)
    }
  }

  return { wanted, running, toggle }
}

function readPreference(): boolean {
  try { return localStorage.getItem(KEY) === 'on' } catch { return false }
}
function writePreference(on: boolean) {
  try { localStorage.setItem(KEY, on ? 'on' : 'off') } catch { /* private mode: remembered for this page only */ }
}
