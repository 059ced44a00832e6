// The audible cue: two short tones made with WebAudio (no audio file, nothing fetched). Browsers start an
// AudioContext suspended unless a user gesture made it, so the sound is switched on by a click (the toggle), and a
// preference remembered from an earlier visit takes effect at the page's first click or key press.

/** What the beeper needs of WebAudio: the part of AudioContext it uses, so a test can count the tones. */
export interface ToneContext {
  readonly state: string
  readonly currentTime: number
  readonly destination: AudioNode
  resume(): Promise<void>
  createOscillator(): OscillatorNode
  createGain(): GainNode
}

export interface Beeper {
  /** Makes (or resumes) the audio context: call it from a click or key press. */
  unlock(): void
  /** Whether the context runs: a tone played now is heard. */
  ready(): boolean
  /** Plays the cue; false when the context is not running yet (no gesture so far). */
  play(): boolean
}

/** Two tones, 880 then 1320 Hz, 0.12 s each: short, and distinct from a system's own notification sounds. */
const TONES: readonly { hz: number; at: number }[] = [{ hz: 880, at: 0 }, { hz: 1320, at: 0.16 }]
const TONE_S = 0.12

export function createBeeper(make: () => ToneContext = () => new AudioContext()): Beeper {
  let ctx: ToneContext | null = null
  return {
    unlock() {
      ctx ??= make()
      if (ctx.state === 'suspended') void ctx.resume().catch(() => { /* tried again at the next gesture */ })
    },
    ready: () => ctx?.state === 'running',
    play() {
      if (!ctx || ctx.state !== 'running') return false
      const t0 = ctx.currentTime
      for (const { hz, at } of TONES) {
        const osc = ctx.createOscillator()
        const gain = ctx.createGain()
        osc.frequency.value = hz
        // A quick fade in and out: a tone cut off square clicks.
        gain.gain.setValueAtTime(0, t0 + at)
        gain.gain.linearRampToValueAtTime(0.25, t0 + at + 0.01)
        gain.gain.linearRampToValueAtTime(0, t0 + at + TONE_S)
        osc.connect(gain).connect(ctx.destination)
        osc.start(t0 + at)
        osc.stop(t0 + at + TONE_S + 0.02)
      }
      return true
    },
  }
}
