// Exports at scale: the whole incident list of a seeded database (1M incidents at the largest bench scale) as CSV
// and as XLSX, each from a fresh server process (bench/servers/app-server.ts, the real app), read by a client that
// takes the bytes as fast as they come. Prints rows/s, bytes and the server's resident memory before and at its
// peak (VmHWM, from /proc), so "memory flat" is a figure: the peak must not grow with the row count.
//
//   node --import tsx bench/export.ts <SQLite path or postgres:// URL> [csv,xlsx] [query]
//
// The database is opened (and migrated) as the server would: point it at a scratch copy of a bench dataset
// (bench/datasets.ts builds demo-1000000.db). `query` adds filters, e.g. `from=2026-01-01&to=2026-02-01`.
import { loadavg } from 'node:os'
import { startChild } from './child'

const [location, formats = 'csv,xlsx', query = ''] = process.argv.slice(2)
if (!location) throw new Error('usage: bench/export.ts <SQLite path or postgres:// URL> [csv,xlsx] [query]')

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`

async function dataNow(): Promise<number> {
  const { openStore } = await import('../api/store')
  const store = await openStore(location!)
  try {
    const row = await store.sql.get<{ value: string }>("SELECT value FROM meta WHERE key = 'generated_at'")
    return row ? Number(row.value) : Date.now()
  } finally {
    await store.close()
  }
}

const now = await dataNow()
for (const format of formats.split(',')) {
  const child = await startChild('app-server.ts', { BENCH_DB: location, BENCH_NOW: String(now) })
  try {
    const before = child.memory()
    let peakRss = before?.rss ?? 0
    const sampler = setInterval(() => { peakRss = Math.max(peakRss, child.memory()?.rss ?? 0) }, 100)
    const started = performance.now()
    const res = await fetch(`${child.url}/api/incidents?format=${format}${query ? `&${query}` : ''}`, { headers: { 'Accept-Encoding': 'identity' } })
    if (res.status !== 200) throw new Error(`${format}: ${res.status} ${await res.text()}`)
    const rows = Number(res.headers.get('x-export-rows'))
    const firstByte = performance.now() - started
    let bytes = 0
    const reader = res.body!.getReader()
    for (let r = await reader.read(); !r.done; r = await reader.read()) bytes += r.value.byteLength
    const seconds = (performance.now() - started) / 1000
    clearInterval(sampler)
    const after = child.memory()
    const load = loadavg().map((l) => l.toFixed(1)).join(' ')
    console.log(`${format}: ${rows.toLocaleString('en')} rows, ${mb(bytes)} in ${seconds.toFixed(1)} s ` +
      `(${Math.round(rows / seconds).toLocaleString('en')} rows/s; first byte ${firstByte.toFixed(0)} ms); server RSS ` +
      `${before ? mb(before.rss) : '?'} before, ${mb(peakRss)} peak sampled, VmHWM ${after ? mb(after.peak) : '?'}; load average ${load}`)
  } finally {
    await child.stop()
  }
}
