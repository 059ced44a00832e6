// The rendered PDF briefings: written once, listed by scope, read back whole, pruned past their retention.
import type { Sql } from './sql'

export type BriefingKind = 'scheduled' | 'requested'

export interface BriefingMeta {
  id: number
  scope: string
  from: number
  to: number
  asOf: number
  lang: 'zh' | 'en'
  kind: BriefingKind
  createdAt: number
  createdBy: string
  size: number
}

export type NewBriefing = Omit<BriefingMeta, 'id' | 'size'> & { bytes: Buffer }

const META = `id, scope, from_at AS "from", to_at AS "to", as_of AS "asOf", lang, kind, created_at AS "createdAt",
  created_by AS "createdBy", size`

export function briefingQueries(db: Sql) {
  return {
    async insert(b: NewBriefing): Promise<number> {
      const row = await db.get<{ id: number }>(
        `INSERT INTO briefings (scope, from_at, to_at, as_of, lang, kind, created_at, created_by, bytes, size)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        [b.scope, b.from, b.to, b.asOf, b.lang, b.kind, b.createdAt, b.createdBy, b.bytes, b.bytes.length])
      return row!.id
    },
    /** Newest first, of the scopes within `prefix` (a region code; null: every scope), at most `limit`. */
    list: (prefix: string | null, limit: number): Promise<BriefingMeta[]> => prefix === null
      ? db.all<BriefingMeta>(`SELECT ${META} FROM briefings ORDER BY created_at DESC, id DESC LIMIT ?`, [limit])
      : db.all<BriefingMeta>(`SELECT ${META} FROM briefings WHERE substr(scope, 1, ${prefix.length}) = ?
          ORDER BY created_at DESC, id DESC LIMIT ?`, [prefix, limit]),
    meta: (id: number) => db.get<BriefingMeta>(`SELECT ${META} FROM briefings WHERE id = ?`, [id]),
    async bytes(id: number): Promise<Buffer | null> {
      const row = await db.get<{ bytes: Buffer | Uint8Array }>('SELECT bytes FROM briefings WHERE id = ?', [id])
      return row ? Buffer.from(row.bytes) : null
    },
    /** Whether a scheduled briefing of this scope and period already exists (a restart does not render it twice). */
    async scheduledExists(scope: string, from: number, to: number, lang: string): Promise<boolean> {
      const row = await db.get(`SELECT 1 AS x FROM briefings WHERE kind = 'scheduled' AND scope = ? AND from_at = ? AND to_at = ? AND lang = ?`,
        [scope, from, to, lang])
      return row !== undefined
    },
    /** Removes the briefings made before `before`; how many. */
    prune: (before: number) => db.run('DELETE FROM briefings WHERE created_at < ?', [before]),
  }
}
export type BriefingQueries = ReturnType<typeof briefingQueries>
