// The SQL terms of the domain's rules (api/store/rule-sql.ts) are built from the domain's lists, and the shipped
// migrations, which are frozen, must still agree with them: the partial index incidents_open is only used when a
// query repeats its WHERE term exactly.
import { describe, expect, it } from 'vitest'
import { DISPUTE_OVERDUE_SQL, OPEN_INCIDENTS_SQL, OVERDUE_SQL, codeAt, inList } from '../../api/store/rule-sql'
import { MIGRATIONS } from '../../api/store/migrations'

describe('rule SQL', () => {
  it('writes a domain list as an IN term, and refuses anything but plain identifiers', () => {
    expect(inList('status', ['reported', 'accepted'])).toBe("status IN ('reported', 'accepted')")
    expect(() => inList('status', ["x') OR 1=1 --"])).toThrow(RangeError)
    expect(() => inList('status', [])).toThrow(RangeError)
  })

  it('open incidents are the WHERE term of the shipped partial index incidents_open', () => {
    const index = MIGRATIONS.map((m) => m.sqlite).join('\n').match(/CREATE INDEX incidents_open ON incidents \([^)]*\)\s+WHERE ([^;]+);/)
    expect(index?.[1]).toBe(OPEN_INCIDENTS_SQL)
    expect(OPEN_INCIDENTS_SQL).toBe("status IN ('reported', 'accepted', 'dispatched', 'handling')")
  })

  it('overdue runs the accept clock while reported and the resolve clock while otherwise open', () => {
    expect(OVERDUE_SQL).toBe("(status IN ('reported') AND accept_by < @now OR status IN ('accepted', 'dispatched', 'handling') AND resolve_by < @now)")
    expect(DISPUTE_OVERDUE_SQL).toBe("(status IN ('accepted', 'mediating') AND deadline < @now)")
  })

  it('reads the township and village of a grid from its code', () => {
    expect([codeAt('grid', 'township'), codeAt('grid', 'village')]).toEqual(['substr(grid, 1, 9)', 'substr(grid, 1, 12)'])
  })
})
