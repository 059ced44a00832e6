// What must hold after the faults, read from the primary's rows with the SQL of scripts/trust/db-checks.ts (not
// the app's own code): every acknowledged write stored exactly once, no half-written record, and the figures the
// API serves equal to their recomputation from the rows.
import type { Store } from '../../api/store'
import { DAY, differs, expectedMetrics, localDay, partialRows, rawByRegion, rawFigures } from '../trust/db-checks'

/** Problems found, as sentences; none means the writes hold. */
export async function checkWrites(store: Store, tag: string, acked: Map<number, number>): Promise<{ stored: number; problems: string[] }> {
  const problems = await partialRows(store.sql)
  const rows = await store.sql.all<{ id: number; description: string }>('SELECT id, description FROM incidents WHERE description LIKE ?', [`${tag}-%`])
  const bySeq = new Map<number, number[]>()
  for (const r of rows) {
    const seq = Number(r.description.slice(tag.length + 1))
    bySeq.set(seq, [...(bySeq.get(seq) ?? []), Number(r.id)])
  }
  const missing = [...acked].filter(([seq, id]) => !bySeq.get(seq)?.includes(id))
  if (missing.length) problems.push(`${missing.length} acknowledged writes are missing (e.g. seq ${missing[0]![0]}, incident ${missing[0]![1]})`)
  const doubled = [...bySeq].filter(([, ids]) => ids.length > 1)
  if (doubled.length) problems.push(`${doubled.length} writes were stored more than once (e.g. seq ${doubled[0]![0]}: incidents ${doubled[0]![1].join(', ')})`)
  return { stored: rows.length, problems }
}

/**
 * /api/metrics/summary and the township and grid choropleths over whole local days (the rollup) and over raw
 * instants, against the rows. `get` asks the API (through HAProxy) and returns the parsed answer.
 */
export async function checkFigures(store: Store, get: (path: string) => Promise<unknown>): Promise<string[]> {
  const problems: string[] = []
  const now = Date.now()
  const today = localDay(now)
  const days = { from: localDay(now - 29 * DAY).start, to: today.start + 2 * DAY }
  const instants = { from: now - 3 * 3_600_000, to: now + DAY }
  const periods = [
    { ...days, q: `from=${localDay(days.from).date}&to=${localDay(days.to).date}` },
    { ...instants, q: `from=${new Date(instants.from).toISOString()}&to=${new Date(instants.to).toISOString()}` },
  ]
  for (const p of periods) {
    const summary = await get(`/api/metrics/summary?${p.q}`) as { metrics: Record<string, number | null> }
    const expected = expectedMetrics(await rawFigures(store.sql, p.from, p.to))
    for (const [metric, value] of Object.entries(expected)) {
      if (metric in summary.metrics && differs(summary.metrics[metric]!, value)) problems.push(`summary ${metric} (${p.q}) is ${summary.metrics[metric]}, the rows say ${value}`)
    }
    for (const level of ['township', 'grid'] as const) {
      const choro = await get(`/api/metrics/choropleth?level=${level}&metric=reports&${p.q}`) as { values: Record<string, number> }
      const raw = await rawByRegion(store.sql, level, p.from, p.to)
      const wrong = Object.entries(choro.values).filter(([k, v]) => v !== (raw.get(k) ?? 0))
      const unknown = [...raw.keys()].filter((k) => !(k in choro.values))
      if (wrong.length || unknown.length) problems.push(`choropleth ${level} reports (${p.q}): ${wrong.length} regions differ from the rows, ${unknown.length} missing`)
    }
  }
  return problems
}
