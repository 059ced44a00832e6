// At most `concurrency` renders at once and `waiting` more in line; past that a render is refused at once (the
// route answers 503 with Retry-After) rather than queued without end behind a slow browser.
export class QueueFull extends Error {}

export function renderQueue(limits: { concurrency: number; waiting: number }) {
  let running = 0
  const line: (() => void)[] = []
  const release = () => {
    running--
    const next = line.shift()
    if (next) { running++; next() }
  }
  return {
    async run<T>(job: () => Promise<T>): Promise<T> {
      if (running >= limits.concurrency) {
        if (line.length >= limits.waiting) throw new QueueFull()
        await new Promise<void>((resolve) => line.push(resolve))
      } else running++
      try {
        return await job()
      } finally {
        release()
      }
    },
    get running() { return running },
    get waiting() { return line.length },
  }
}
export type RenderQueue = ReturnType<typeof renderQueue>
