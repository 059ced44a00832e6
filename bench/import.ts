// The records import at scale: a register of N incidents (default 1,000,000) as CSV, imported into an empty
// database, imported again (every row unchanged), then undone. Prints rows/s of each step, the process's peak
// resident memory (VmHWM), its CPU seconds and the load average, so "memory flat" and the machine's share are figures.
//
//   node --import tsx bench/import.ts [rows] [SQLite path or postgres:// URL of an empty database]
//
// Without a location a temporary SQLite file is used (and removed). The CSV is written once per row count to the
// temporary directory (test/support/record-rows.ts: good rows over the county's grids) and kept for the next run.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { importRecords } from '../api/import/records/run'
import { incidentKind } from '../api/import/records/incidents'
import { importBatches } from '../api/import/batches'
import { createLocator } from '../api/services/locator'
import { loadRegions } from '../api/services/regions'
import { openStore } from '../api/store'
import { INCIDENT_MAP, gridPoints, writeIncidentCsv } from '../test/support/record-rows'
import { parseMapOption } from '../api/import/records/column-map'

const rows = Number(process.argv[2] ?? 1_000_000)
const scratch = process.argv[3] ? null : mkdtempSync(join(tmpdir(), 'onemap-import-bench-'))
const location = process.argv[3] ?? join(scratch!, 'import.db')

const peakMb = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))![1]) / 1024
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ')

const regions = loadRegions()
const locator = createLocator(regions.grids)
const file = join(tmpdir(), `onemap-import-${rows}.csv`)
if (!existsSync(file)) {
  const t = performance.now()
  await writeIncidentCsv(file, rows, gridPoints(regions.grids, locator))
  console.log(`wrote ${file} (${(statSync(file).size / 1e6).toFixed(0)} MB) in ${((performance.now() - t) / 1000).toFixed(1)} s`)
}

const store = await openStore(location)
const now = Date.now()
const opts = { kind: incidentKind, file, map: parseMapOption(INCIDENT_MAP, incidentKind.fields), crs: 'wgs84' as const, dryRun: false, now, command: 'bench/import.ts' }
console.log(`${rows.toLocaleString('en')} rows, ${store.native.engine}, load average at start ${load()}`)
const step = async (name: string, run: () => Promise<unknown>) => {
  const t = performance.now()
  const cpu = process.cpuUsage()
  const out = await run()
  const s = (performance.now() - t) / 1000
  const used = process.cpuUsage(cpu)
  const cpuS = (used.user + used.system) / 1e6
  // On a shared machine the wall clock says more about the neighbours than about the import: the CPU seconds of
  // this process (and rows per CPU second) are printed beside it.
  console.log(`${name.padEnd(8)} ${s.toFixed(1).padStart(7)} s  ${Math.round(rows / s).toLocaleString('en').padStart(8)} rows/s  ` +
    `CPU ${cpuS.toFixed(1)} s (${Math.round(rows / cpuS).toLocaleString('en')} rows per CPU s)  peak RSS ${peakMb().toFixed(0)} MB  load ${load()}`)
  return out
}
try {
  let lastLine = 0
  const progress = (p: { rows: number }) => { if (p.rows - lastLine >= 100_000) { lastLine = p.rows; console.log(`  … ${p.rows.toLocaleString('en')} rows, RSS ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`) } }
  const first = await step('import', () => importRecords(store, () => locator, opts, progress)) as Awaited<ReturnType<typeof importRecords>>
  if (first.added !== rows) throw new Error(`added ${first.added} of ${rows}: ${first.rejected.slice(0, 3).map((r) => `line ${r.line}: ${r.reason}`).join('; ')}`)
  lastLine = 0
  await step('again', () => importRecords(store, () => locator, opts, progress))
  await step('undo', () => importBatches(store).undo(first.batchId!, { at: Date.now(), command: 'bench/import.ts undo' }))
} finally {
  await store.close()
  if (scratch) rmSync(scratch, { recursive: true, force: true })
}
