// The SQL local day, week and month (api/store/local-time-sql.ts) are domain/calendar.ts in SQLite: the shipped
// incident_days triggers wrote the day expression by hand, and must keep meaning what the generator says.
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { localDayStart, localMonth, localWeekStart } from '../../domain/calendar'
import { DIALECTS } from '../../api/store/dialect'
import { localDaySql, localWeekSql } from '../../api/store/local-time-sql'
import { MIGRATIONS } from '../../api/store/migrations'

describe('localDaySql', () => {
  it('is the expression the shipped incident_days triggers wrote', () => {
    const first = MIGRATIONS[0]!.sqlite
    // Every local-day expression of a reported_at in migration 1: `new.reported_at - (new.reported_at + N) % M`.
    const written = [...first.matchAll(/((?:new|old)\.reported_at) - \(\1 \+ \d+\) % \d+/g)]
    expect(written.map((m) => m[1])).toEqual(['new.reported_at', 'old.reported_at', 'old.reported_at', 'new.reported_at'])
    for (const [expression, column] of written) expect(`(${expression})`).toBe(localDaySql(column!))
  })

  it('and the week and month buckets agree with domain/calendar.ts at the edges', () => {
    const db = new Database(':memory:')
    const t = '@t'
    const row = db.prepare(`SELECT ${localDaySql(t)} AS day, ${localWeekSql(t)} AS week, ${DIALECTS.sqlite.localMonth(t)} AS month`)
    const edges = [
      '2026-11-26T15:59:59.999Z', '2026-11-26T16:00:00.000Z', // local midnight
      '2026-11-30T15:59:59.999Z', '2026-11-30T16:00:00.000Z', // month end
      '2028-02-28T16:00:00.000Z', '2028-02-29T15:59:59.999Z', '2028-02-29T16:00:00.000Z', // leap day
      '2026-12-31T15:59:59.999Z', '2026-12-31T16:00:00.000Z', // year end
      '2026-11-22T15:59:59.999Z', '2026-11-22T16:00:00.000Z', // Sunday into Monday
    ].map(Date.parse)
    for (const at of edges) {
      expect(row.get({ t: at }), new Date(at).toISOString()).toEqual({ day: localDayStart(at), week: localWeekStart(at), month: localMonth(at).from })
    }
    db.close()
  })
})
