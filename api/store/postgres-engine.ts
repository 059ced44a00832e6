// PostgreSQL (with PostGIS) behind the Sql interface, through the `postgres` driver's connection pool. A
// transaction runs on one pooled connection; the statements made inside it find that connection through the
// async context, so the store's code reads the same on both engines.
import { AsyncLocalStorage } from 'node:async_hooks'
import postgres from 'postgres'
import { DIALECTS } from './dialect'
import { reconnectBackoff } from './postgres-reconnect'
import { postgresText, postgresValues } from './postgres-text'
import { followChannel } from './postgres-follow'
import type { Params, Row, Sql } from './sql'

/** Pooled connections when not told otherwise (DATABASE_POOL). */
export const DEFAULT_POOL = 10

export interface PostgresOptions {
  /** Pooled connections (default DEFAULT_POOL). */
  max?: number | undefined
  /** Sessions that refuse every write (PostgreSQL's default_transaction_read_only), named `applicationName`. */
  readOnly?: boolean
  applicationName?: string
}

// bigint (counts, epoch ms, ids) and numeric (averages) come back as strings unless told: every one the store
// reads fits a double exactly (epoch ms and ids stay far below 2^53).
const NUMBER = (oid: number) => ({ to: oid, from: [oid], serialize: (x: number) => String(x), parse: (x: string) => Number(x) })
// The store binds JSON as its text (SQLite has no JSON type: json_each reads text), so a string bound where
// PostgreSQL expects json or jsonb already is the document. The driver's default would JSON.stringify it again
// into a JSON string scalar ("[1,2]" → "\"[1,2]\""), which jsonb_array_elements refuses.
const JSON_TEXT = (oid: number) => ({
  to: oid, from: [oid],
  serialize: (x: unknown) => (typeof x === 'string' ? x : JSON.stringify(x)),
  parse: (x: string) => JSON.parse(x) as unknown,
})

export function connectPostgres(url: string, options: PostgresOptions = {}): postgres.Sql {
  return postgres(url, {
    max: options.max ?? DEFAULT_POOL,
    backoff: reconnectBackoff,
    onnotice: () => {},
    types: { int8: NUMBER(20), numeric: NUMBER(1700), json: JSON_TEXT(114), jsonb: JSON_TEXT(3802) },
    // Statements are prepared (parsed once per connection), but planned for each execution's values. After five
    // executions PostgreSQL would otherwise switch a prepared statement to one generic plan when its estimate
    // looks no worse, and a generic plan cannot see how selective a time range or a bbox is: the incident page
    // (a 30-day range inside a township's box, newest first) went from a 36 ms backward scan of the time index
    // to a 556 ms scan of the (lng, lat) index at 100k incidents.
    connection: {
      application_name: options.applicationName ?? 'onemap', plan_cache_mode: 'force_custom_plan',
      ...(options.readOnly ? { default_transaction_read_only: true } : {}),
    },
  })
}

/** `url`: where `follow` opens its listening connection (a pool's connections cannot LISTEN for long). */
export function postgresSql(client: postgres.Sql, url?: string): Sql {
  const inTransaction = new AsyncLocalStorage<postgres.TransactionSql>()
  const connection = (): postgres.Sql | postgres.TransactionSql => inTransaction.getStore() ?? client
  // The exclusive() locks each open transaction holds already (until it ends), and the channels it announced on:
  // taking one again is a no-op for PostgreSQL, so it need not cost a round trip (a batch of 500 incidents
  // appends 500 events).
  const held = new WeakMap<postgres.TransactionSql, Set<string>>()

  async function query<R>(text: string, params: Params | undefined): Promise<R[] & { count: number }> {
    const t = postgresText(text)
    return await connection().unsafe(t.text, postgresValues(t, params) as postgres.ParameterOrJSON<never>[], { prepare: true }) as unknown as R[] & { count: number }
  }

  return {
    engine: 'postgres',
    dialect: DIALECTS.postgres,
    all: <R = Row>(text: string, params?: Params) => query<R>(text, params).then((rows) => [...rows]),
    get: <R = Row>(text: string, params?: Params) => query<R>(text, params).then((rows) => rows[0]),
    run: (text: string, params?: Params) => query(text, params).then((rows) => rows.count),
    exec: async (script: string) => { await connection().unsafe(script) },
    async transaction<T>(fn: () => Promise<T>): Promise<T> {
      if (inTransaction.getStore()) return fn()
      return client.begin((tx) => inTransaction.run(tx, fn)) as Promise<T>
    },
    async exclusive(name: string) {
      const tx = inTransaction.getStore()
      if (!tx) throw new Error(`exclusive(${name}) outside a transaction holds nothing`)
      let names = held.get(tx)
      if (names?.has(name)) return
      await query('SELECT pg_advisory_xact_lock(hashtext(@name))', { name })
      if (!names) held.set(tx, (names = new Set()))
      names.add(name)
    },
    async announce(channel: string, payload: string) {
      const tx = inTransaction.getStore()
      if (!tx) throw new Error(`announce(${channel}) outside a transaction: it is sent when the transaction commits`)
      let names = held.get(tx)
      const key = `announce:${channel}`
      if (names?.has(key)) return
      await query('SELECT pg_notify(@channel, @payload)', { channel, payload })
      if (!names) held.set(tx, (names = new Set()))
      names.add(key)
    },
    follow(channel: string, heard: () => void) {
      if (url === undefined) throw new Error('this PostgreSQL store was opened without its URL: it cannot follow a channel')
      return followChannel(url, channel, heard)
    },
    inTransaction: () => inTransaction.getStore() !== undefined,
    close: () => client.end({ timeout: 5 }),
  }
}
