// An import run as a batch: it is started (an id, an audit row), notes each record it adds or changes in the same
// transaction as the write, is finished with its counts (an audit row), and can be undone: what it added is
// removed, what it changed is put back as it was — unless the record has moved on since (changed by anyone after
// the batch left it, removed, or pointed at by later records), which is refused with the reason, record by record.
//
// The records import (api/import/records/) and the boundaries import record their runs here; a table a batch
// writes must be listed in the store's UNDOABLE_TABLES.
import { cliEntry } from '../auth/audit'
import type { Store } from '../store'
import type { BatchRow, PendingRecord } from '../store/import-batches'

export interface BatchCounts { added: number; changed: number; unchanged: number; rejected: number }

/** A record an undo leaves as it is, and why. */
export interface UndoRefusal { table: string; recordId: number; reason: string }

export interface UndoReport {
  batch: BatchRow
  removed: number
  restored: number
  refused: UndoRefusal[]
  /** False when refusals stopped the undo (without `partial`): nothing was changed. */
  done: boolean
}

/** Records an undo takes back per transaction. */
const UNDO_PAGE = 1000

const target = (id: number) => `import batch ${id}`

export function importBatches(store: Store) {
  const q = store.importBatches
  const audit = (command: string, batchId: number, detail: string, at: number) =>
    store.audit.append(cliEntry(command, target(batchId), detail, at))

  /** Why an undo may not take this record back, or null when it may. */
  const blocked = async (batchId: number, r: PendingRecord, referencedBy: string | undefined): Promise<string | null> => {
    if (r.currentAt === null) return 'it no longer exists'
    if (Number(r.currentAt) !== Number(r.leftAt)) {
      const later = await q.laterBatch(r.recordTable, r.recordId, batchId)
      if (later !== null) return `import batch ${later} changed it since: undo ${later} first`
      return `it changed at ${new Date(Number(r.currentAt)).toISOString()}, after the import${r.state ? ` (now ${r.state})` : ''}: change it in the app instead`
    }
    if (r.action === 'added' && referencedBy) return `${referencedBy} rows refer to it`
    return null
  }

  /** Every pending record of the batch, a page at a time, newest first, with why it is blocked (or null). */
  async function* pendingPages(batchId: number) {
    for (const table of await q.tables(batchId)) {
      let before: number | null = null
      for (;;) {
        const page = await q.pending(batchId, table, UNDO_PAGE, before)
        if (!page.length) break
        before = page.at(-1)!.id
        const refs = await q.referenced(table, page.filter((r) => r.action === 'added').map((r) => r.recordId))
        const judged = []
        for (const r of page) judged.push({ record: r, reason: await blocked(batchId, r, refs.get(r.recordId)) })
        yield { table, judged }
      }
    }
  }

  return {
    /** Opens a batch: its id, and an audit row naming the command. */
    async start(b: { kind: string; source: string; command: string; at: number }): Promise<number> {
      const id = await store.transaction(async () => {
        const id = await q.create({ kind: b.kind, source: b.source, command: b.command, actor: cliEntry(b.command, null).actor!, startedAt: b.at })
        await audit(b.command, id, `started: ${b.kind} from ${b.source}`, b.at)
        return id
      })
      return id
    },
    /** Records the batch added; call inside the write's transaction. `leftAt`: each one's updated_at as written. */
    added: (batchId: number, table: string, records: readonly { recordId: number; leftAt: number }[]) =>
      q.noteAdded(batchId, table, records),
    /** A record the batch changed: `before` its written columns as they were (camelCased, updatedAt among them). */
    changed: (batchId: number, table: string, recordId: number, before: Record<string, unknown>, leftAt: number) =>
      q.note({ batchId, table, recordId, action: 'changed', before: JSON.stringify(before), leftAt }),
    /** Closes the batch with its counts and an audit row. */
    async finish(batchId: number, command: string, counts: BatchCounts, at: number): Promise<void> {
      await store.transaction(async () => {
        await q.finish(batchId, counts, at)
        await audit(command, batchId, `finished: ${counts.added} added, ${counts.changed} changed, ${counts.unchanged} unchanged, ${counts.rejected} rejected`, at)
      })
    },
    get: (batchId: number) => q.get(batchId),
    list: (limit = 20) => q.list(limit),

    /**
     * Takes a batch back. Without `partial`, any record that has moved on refuses the whole undo (nothing changes)
     * and the report lists each with its reason; with it, the others are taken back and the refused stay pending,
     * so a later undo (after their cause is undone) can finish. Counts of incident_days follow by the triggers.
     */
    async undo(batchId: number, opts: { at: number; command: string; partial?: boolean }): Promise<UndoReport | null> {
      const batch = await q.get(batchId)
      if (!batch) return null
      const refused: UndoRefusal[] = []
      for await (const { table, judged } of pendingPages(batchId)) {
        for (const j of judged) if (j.reason) refused.push({ table, recordId: j.record.recordId, reason: j.reason })
      }
      if (refused.length && !opts.partial) return { batch, removed: 0, restored: 0, refused, done: false }
      const skip = new Set(refused.map((r) => `${r.table}:${r.recordId}`))
      let removed = 0
      let restored = 0
      for (const table of await q.tables(batchId)) {
        let before: number | null = null
        // Each page is judged again inside the transaction that takes it back: a record that moved on since the
        // first pass is refused, not overwritten.
        const takeBackPage = () => store.transaction(async () => {
          const page = await q.pending(batchId, table, UNDO_PAGE, before)
          if (!page.length) return false
          before = page.at(-1)!.id
          const refs = await q.referenced(table, page.filter((r) => r.action === 'added').map((r) => r.recordId))
          const todo: PendingRecord[] = []
          for (const r of page) {
            if (skip.has(`${table}:${r.recordId}`)) continue
            const reason = await blocked(batchId, r, refs.get(r.recordId))
            if (reason) refused.push({ table, recordId: r.recordId, reason })
            else todo.push(r)
          }
          for (const r of todo) if (r.action === 'changed') await q.restore(table, r.recordId, JSON.parse(r.before!) as Record<string, unknown>)
          await q.remove(table, todo.filter((r) => r.action === 'added').map((r) => r.recordId))
          await q.markUndone(todo.map((r) => r.id), opts.at)
          removed += todo.filter((r) => r.action === 'added').length
          restored += todo.filter((r) => r.action === 'changed').length
          return true
        })
        while (await takeBackPage()) { /* next page */ }
      }
      await store.transaction(async () => {
        await q.markBatchUndone(batchId, opts.at)
        await audit(opts.command, batchId, `undone: ${removed} removed, ${restored} restored${refused.length ? `, ${refused.length} refused (moved on since)` : ''}`, opts.at)
      })
      return { batch: (await q.get(batchId))!, removed, restored, refused, done: refused.length === 0 }
    },
  }
}
export type ImportBatches = ReturnType<typeof importBatches>
