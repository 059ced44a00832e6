// The embedded engine: better-sqlite3 behind the asynchronous Sql interface. Statements run synchronously on
// one connection; the interface's promises only let PostgreSQL's network round trips through the same code.
//
// One connection means one transaction at a time, and a statement made while a transaction is open would join
// it. So a transaction takes a queue (FIFO) for its whole length, and a statement from outside it waits in the
// same queue; with no transaction open, a statement runs at once with no queueing at all.
import { AsyncLocalStorage } from 'node:async_hooks'
import type { Database as Db, Statement } from 'better-sqlite3'
import { areaContains } from '../../domain/area-contains'
import type { AreaGeometry } from '../../domain/area-contains'
import { DIALECTS, IN_AREA_FUNCTION } from './dialect'
import type { Params, Row, Sql } from './sql'

const STATEMENT_CACHE = 1000
/** Parsed areas kept: a query calls the function once per row with the same text, so it parses once. */
const AREA_CACHE = 32

/**
 * Registers Dialect.inArea's point-in-area function on the connection. Its text comes from the API, which has
 * checked it; anything else (not GeoJSON, not an area) is an error in the statement, not a quiet "outside".
 */
function registerInArea(db: Db) {
  const areas = new Map<string, AreaGeometry>()
  const parse = (text: string): AreaGeometry => {
    let area = areas.get(text)
    if (!area) {
      const g = JSON.parse(text) as AreaGeometry
      if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') throw new TypeError(`${IN_AREA_FUNCTION}: not a Polygon or MultiPolygon`)
      if (areas.size >= AREA_CACHE) areas.delete(areas.keys().next().value!)
      areas.set(text, (area = g))
    }
    return area
  }
  db.function(IN_AREA_FUNCTION, { deterministic: true }, (lng: unknown, lat: unknown, text: unknown) =>
    typeof lng === 'number' && typeof lat === 'number' && typeof text === 'string' && areaContains(parse(text), lng, lat) ? 1 : 0)
}

export function sqliteSql(db: Db): Sql {
  registerInArea(db)
  const inTransaction = new AsyncLocalStorage<true>()
  const statements = new Map<string, Statement>()
  let queue: Promise<void> = Promise.resolve()
  let open = false

  const prepare = (text: string): Statement => {
    let stmt = statements.get(text)
    if (!stmt) {
      // Filter combinations make many texts, but finitely many; bound the cache anyway.
      if (statements.size >= STATEMENT_CACHE) statements.clear()
      stmt = db.prepare(text)
      statements.set(text, stmt)
    }
    return stmt
  }

  /** Waits for every transaction queued before this call, then holds the queue until `release` is called. */
  const acquire = async (): Promise<() => void> => {
    let release!: () => void
    const previous = queue
    queue = new Promise<void>((resolve) => { release = resolve })
    await previous
    return release
  }

  /** Runs a statement now if no other context's transaction is open, else after it (queued like one). */
  async function statement<T>(run: () => T): Promise<T> {
    if (!open || inTransaction.getStore()) return run()
    const release = await acquire()
    try {
      return run()
    } finally {
      release()
    }
  }

  const args = (params: Params | undefined) => (params === undefined ? [] : Array.isArray(params) ? params : [params])

  return {
    engine: 'sqlite',
    dialect: DIALECTS.sqlite,
    all: <R = Row>(text: string, params?: Params) =>
      statement(() => prepare(text).all(...args(params)) as R[]),
    get: <R = Row>(text: string, params?: Params) =>
      statement(() => prepare(text).get(...args(params)) as R | undefined),
    run: (text: string, params?: Params) =>
      statement(() => { const s = prepare(text); return s.reader ? s.all(...args(params)).length : s.run(...args(params)).changes }),
    exec: (script: string) => statement(() => { db.exec(script) }),
    async transaction<T>(fn: () => Promise<T>): Promise<T> {
      if (inTransaction.getStore()) return fn()
      const release = await acquire()
      open = true
      try {
        // IMMEDIATE: take the write lock now, so another connection (a CLI, a backup) cannot slip in between a
        // read and the write that depends on it.
        db.exec('BEGIN IMMEDIATE')
        try {
          const result = await inTransaction.run(true, fn)
          db.exec('COMMIT')
          return result
        } catch (err) {
          if (db.inTransaction) db.exec('ROLLBACK')
          throw err
        }
      } finally {
        open = false
        release()
      }
    },
    exclusive: async () => {},
    inTransaction: () => inTransaction.getStore() === true,
    close: async () => { db.close() },
  }
}
