// The import's progress: on a terminal one line redrawn in place (a bar, rows, rows/s, ETA from the bytes read of
// the file's size); otherwise a plain line every ten seconds, so a log holds a few lines, not a million.
import { statSync } from 'node:fs'
import type { Progress } from './run'

const PLAIN_EVERY_MS = 10_000
const BAR = 24

const clock = (s: number) => !Number.isFinite(s) ? '--:--' : `${Math.floor(s / 60)}:${String(Math.round(s % 60)).padStart(2, '0')}`

export function progressReporter(file: string, stream: NodeJS.WriteStream = process.stderr) {
  const size = statSync(file).size || 1
  const started = performance.now()
  let lastPlain = started
  return {
    update(p: Progress) {
      const now = performance.now()
      const seconds = (now - started) / 1000
      const rate = p.rows / Math.max(seconds, 1e-3)
      const share = Math.min(p.bytesRead / size, 1)
      const eta = share > 0 ? seconds * (1 - share) / share : Infinity
      const figures = `${p.rows.toLocaleString('en')} rows  ${Math.round(rate).toLocaleString('en')} rows/s  ETA ${clock(eta)}`
      if (stream.isTTY) {
        const done = Math.round(share * BAR)
        stream.write(`\r[${'#'.repeat(done)}${'.'.repeat(BAR - done)}] ${(share * 100).toFixed(0).padStart(3)}%  ${figures}\x1b[K`)
      } else if (now - lastPlain >= PLAIN_EVERY_MS) {
        lastPlain = now
        stream.write(`${(share * 100).toFixed(0)}%  ${figures}\n`)
      }
    },
    done(rows: number) {
      const seconds = (performance.now() - started) / 1000
      if (stream.isTTY) stream.write('\r\x1b[K')
      stream.write(`${rows.toLocaleString('en')} rows in ${seconds.toFixed(1)} s (${Math.round(rows / Math.max(seconds, 1e-3)).toLocaleString('en')} rows/s)\n`)
    },
  }
}
