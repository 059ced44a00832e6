// The PostgreSQL twin of a benchmark dataset: the very rows of the cached SQLite file (datasets.ts), copied into
// a database of their own with the seed's own bulk path (copy-to-postgres.ts: COPY, never row by row), then
// VACUUM ANALYZE (planner statistics and the visibility map, as a database that has lived a while has them).
// Reused while the database's comment still names the SQLite file's fingerprint and instant; built under a
// scratch name and renamed when complete, so an interrupted build never looks reusable.
import postgres from 'postgres'
import { openDatabase } from '../api/store/db'
import { copyToPostgres } from '../api/seed/copy-to-postgres'
import { openStore } from '../api/store'
import type { Dataset } from './datasets'
import { fingerprint } from './datasets'

export interface PgDataset {
  scale: number
  /** postgres:// URL of the dataset's database. */
  url: string
  database: string
  /** Seconds the copy and VACUUM ANALYZE took, when this run built it; null when reused. */
  builtSeconds: number | null
}

/** The URL of `database` on the server `adminUrl` points at. */
export function databaseUrl(adminUrl: string, database: string): string {
  const u = new URL(adminUrl)
  u.pathname = `/${database}`
  return u.toString()
}

const stamp = (ds: Dataset) => JSON.stringify({ fingerprint: fingerprint(), now: ds.now, incidents: ds.scale })

export async function ensurePgDataset(adminUrl: string, ds: Dataset, log: (line: string) => void): Promise<PgDataset> {
  const database = `onemap_bench_${ds.scale}`
  const url = databaseUrl(adminUrl, database)
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} })
  try {
    const [found] = await admin<{ comment: string | null }[]>`
      SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = ${database}`
    if (found?.comment === stamp(ds)) {
      log(`  ${ds.scale.toLocaleString('en-US')} incidents: reusing PostgreSQL database ${database}`)
      return { scale: ds.scale, url, database, builtSeconds: null }
    }
    log(`  ${ds.scale.toLocaleString('en-US')} incidents: copying ${ds.path} into PostgreSQL (${found ? 'stale' : 'not built yet'})…`)
    const started = performance.now()
    const building = `${database}_building`
    await admin.unsafe(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`)
    await admin.unsafe(`CREATE DATABASE ${building}`)
    const store = await openStore(databaseUrl(adminUrl, building))
    const source = openDatabase(ds.path)
    try {
      if (store.native.engine !== 'postgres') throw new Error('not a PostgreSQL store')
      const copied = await copyToPostgres(source, store.native.client, {
        onTable: (table, rows, ms) => { if (rows >= 10_000) log(`    ${table}: ${rows.toLocaleString('en-US')} rows in ${(ms / 1000).toFixed(1)} s`) },
      })
      if (copied.get('incidents') !== ds.scale) throw new Error(`copied ${copied.get('incidents')} incidents, expected ${ds.scale}`)
      await store.native.client.unsafe('VACUUM (ANALYZE)')
    } finally {
      source.close()
      await store.close()
    }
    await admin.unsafe(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
    await admin.unsafe(`ALTER DATABASE ${building} RENAME TO ${database}`)
    await admin.unsafe(`COMMENT ON DATABASE ${database} IS '${stamp(ds).replace(/'/g, "''")}'`)
    const seconds = (performance.now() - started) / 1000
    log(`  built ${database} in ${seconds.toFixed(1)} s`)
    return { scale: ds.scale, url, database, builtSeconds: seconds }
  } finally {
    await admin.end({ timeout: 5 })
  }
}

/** A throw-away copy of the dataset's database (CREATE DATABASE … TEMPLATE: a file copy), for writes. */
export async function scratchPgCopy(adminUrl: string, pg: PgDataset): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${pg.database}_scratch`
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} })
  try {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${pg.database}`)
  } finally {
    await admin.end({ timeout: 5 })
  }
  return {
    url: databaseUrl(adminUrl, name),
    drop: async () => {
      const a = postgres(adminUrl, { max: 1, onnotice: () => {} })
      try { await a.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) } finally { await a.end({ timeout: 5 }) }
    },
  }
}

/** Bytes the database takes on disk (tables, indexes, TOAST; not the shared WAL). */
export async function pgDatabaseBytes(adminUrl: string, database: string): Promise<number> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {}, types: { int8: { to: 20, from: [20], serialize: String, parse: Number } } as never })
  try {
    const [row] = await admin<{ bytes: number }[]>`SELECT pg_database_size(${database}) AS bytes`
    return Number(row!.bytes)
  } finally {
    await admin.end({ timeout: 5 })
  }
}
