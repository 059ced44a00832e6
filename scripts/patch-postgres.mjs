// Mends a defect of the PostgreSQL driver (`postgres` 3.4.9, unfixed in any release) that took API processes down
// when the database restarted. A write under 1 KiB is flushed from a setImmediate; when the connection closes
// first, closed() has set the socket to null and the flush throws "Cannot read properties of null (reading
// 'write')" outside every promise: an uncaught exception, the process exits. And closed()/terminate() cancel that
// flush without forgetting it, so on the reconnected socket write() still thinks one is scheduled and schedules
// none: the connection's small writes wait until something large comes along (~30 s in the failover drill).
// The mend: a flush with no socket drops what it held (closed() has already failed the queries it belonged to),
// and closing forgets the cancelled flush. Run by `postinstall`; idempotent; fails loudly if the driver's text is
// not what it was written for, so an upgrade of the driver is a decision, not a silent skip.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const VERSION = '3.4.9'
const MARK = '/* onemap: flush without a socket */'
const root = join(import.meta.dirname, '..', 'node_modules', 'postgres')
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version
if (version !== VERSION) {
  console.error(`scripts/patch-postgres.mjs was written for postgres ${VERSION}, found ${version}: check whether the release fixed the null-socket flush, then update or remove this script`)
  process.exit(1)
}

const EDITS = [
  ['  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)',
    `  function nextWrite(fn) {\n    if (socket === null) { ${MARK}\n      chunk = nextWriteTimer = null\n      return false\n    }\n    const x = socket.write(chunk, fn)`],
  // terminate() and closed(): the same line in both, each followed by forgetting the flush.
  ['\n    clearImmediate(nextWriteTimer)\n', '\n    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n'],
]

for (const file of ['src/connection.js', 'cjs/src/connection.js', 'cf/src/connection.js']) {
  const path = join(root, file)
  let text = readFileSync(path, 'utf8')
  if (text.includes(MARK)) continue
  for (const [from, to] of EDITS) {
    const count = text.split(from).length - 1
    const expected = from.startsWith('  function') ? 1 : 2
    if (count !== expected) {
      console.error(`scripts/patch-postgres.mjs: ${file} has ${count} of the text to mend, expected ${expected}: not patched`)
      process.exit(1)
    }
    text = text.replaceAll(from, to)
  }
  writeFileSync(path, text)
}
