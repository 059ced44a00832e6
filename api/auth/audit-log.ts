// Reading the audit log (GET /api/audit): one page of entries, newest first, with their times as ISO strings, and
// the per-minute summaries of refused anonymous writes not chained yet (auth/audit.ts writes both).
import type { AuditPage } from '../../domain/answers/audit'
import type { Store } from '../store'
import type { AuditFilter } from '../store/audit'

export function auditLog(store: Store) {
  return {
    /** How many entries the filter holds (`before` aside). */
    count: (filter: AuditFilter) => store.audit.count(filter),
    /** At most `limit` entries below `filter.before`; `next` is the cursor of the following page, or null. */
    async page(filter: AuditFilter, limit: number): Promise<AuditPage> {
      const rows = await store.audit.list(filter, limit)
      return {
        entries: rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() })),
        next: rows.length === limit ? String(rows[rows.length - 1]!.id) : null,
        pending: (await store.audit.pending()).map(({ minute: _, ...p }) => ({ ...p, at: new Date(p.at).toISOString() })),
      }
    },
  }
}

export type AuditLog = ReturnType<typeof auditLog>
