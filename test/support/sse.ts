// Reads an event stream's body in tests: as text, until a condition holds, the body ends, or time runs out.
// One read is kept pending across waits, so a chunk that arrives after a wait timed out is not lost.

export interface SseReader {
  /** Reads until `until(text so far)` holds, the body ends (`done`) or `ms` pass. */
  until: (until: (text: string) => boolean, ms?: number) => Promise<{ text: string; done: boolean }>
  cancel: () => Promise<void>
}

export function sseReader(res: Response): SseReader {
  const reader = res.body!.getReader()
  const decoder = new TextDecoder()
  let text = ''
  let done = false
  let pending: Promise<ReadableStreamReadResult<Uint8Array>> | null = null
  return {
    async until(until, ms = 3000) {
      const deadline = Date.now() + ms
      while (!done && !until(text) && Date.now() < deadline) {
        pending ??= reader.read()
        const chunk = await Promise.race([pending, new Promise<null>((r) => setTimeout(() => r(null), 100))])
        if (!chunk) continue
        pending = null
        if (chunk.done) done = true
        else text += decoder.decode(chunk.value, { stream: true })
      }
      return { text, done }
    },
    cancel: () => reader.cancel(),
  }
}

/** Reads until `until` holds, then lets go of the stream (the client goes away). */
export async function readUntil(res: Response, until: (text: string) => boolean, ms = 3000): Promise<{ text: string; done: boolean }> {
  const reader = sseReader(res)
  const read = await reader.until(until, ms)
  if (!read.done) await reader.cancel()
  return read
}
