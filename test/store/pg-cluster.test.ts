// The throw-away PostgreSQL cluster the tests run on (scripts/pg-cluster.ts): it serves PostGIS and citext in every
// database, copies a template database per test, leaves nothing behind when stopped, and starts over what a killed
// run left.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { portIsFree, startCluster } from '../../scripts/pg-cluster'
import type { Cluster } from '../../scripts/pg-cluster'
import { freshDatabase } from '../support/postgres-db'

const REPO = join(import.meta.dirname, '..', '..')

async function query<T extends readonly object[]>(url: string, run: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {} })
  try {
    return await run(sql)
  } finally {
    await sql.end({ timeout: 0 })
  }
}

describe('a throw-away PostgreSQL cluster', () => {
  let cluster: Cluster
  beforeAll(async () => { cluster = await startCluster({ fast: true }) })
  afterAll(() => cluster?.stop())

  it('listens on 127.0.0.1 only, without fsync or autovacuum, and its own database has PostGIS', async () => {
    const [settings] = await query(cluster.url, (sql) => sql`
      SELECT current_setting('listen_addresses') AS listen, current_setting('unix_socket_directories') AS socket,
             current_setting('fsync') AS fsync, current_setting('autovacuum') AS autovacuum,
             postgis_lib_version() AS postgis`)
    expect(settings).toEqual({
      listen: '127.0.0.1', socket: cluster.dir, fsync: 'off', autovacuum: 'off', postgis: expect.stringMatching(/^3\./),
    })
    expect(cluster.url).toBe(`postgres://postgres@127.0.0.1:${cluster.port}/postgres`)
  })

  it('copies a template database into a fresh one with PostGIS and citext, and drops it', async () => {
    const templateUrl = await cluster.createDatabase('onemap_template')
    const db = await freshDatabase(templateUrl)
    const [row] = await query(db.url, (sql) => sql`
      SELECT current_database() AS name, postgis_full_version() AS postgis,
             'Lin Yi'::citext = 'LIN YI'::citext AS citext_equal,
             ST_AsText(ST_SetSRID(ST_MakePoint(119.71, 27.56), 4326)) AS point`)
    expect(row!.name).toMatch(/^t_\d+_/)
    expect(row!.postgis).toMatch(/^POSTGIS="3\.\d/)
    expect(row!.citext_equal).toBe(true)
    expect(row!.point).toBe('POINT(119.71 27.56)')

    // drop() ends a connection still open to the database.
    const open = postgres(db.url, { max: 1, onnotice: () => {} })
    await open`SELECT 1`
    await db.drop()
    await db.drop()
    await open.end({ timeout: 0 })
    const left = await query(cluster.url, (sql) => sql`SELECT datname FROM pg_database WHERE datname = ${row!.name}`)
    expect(left).toHaveLength(0)
  })

  it('stops: its directory is removed, its port is free, and a second stop does nothing', async () => {
    await cluster.stop()
    expect(existsSync(cluster.dir)).toBe(false)
    expect(await portIsFree(cluster.port)).toBe(true)
    await cluster.stop()
  })
})

describe('a run killed with SIGKILL', () => {
  const killed = { pid: 0, port: 0 }
  let next: Cluster | undefined
  afterAll(() => next?.stop())

  it('leaves its server and directory, and the next start on the same port removes both', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/pg-cluster-cli.ts', 'start', '--fast'],
      { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk) => { stderr += chunk })
    const url = await Promise.race([
      once(createInterface({ input: child.stdout }), 'line').then(([line]) => line as string),
      once(child, 'exit').then(() => { throw new Error(`the cluster's CLI ended before printing its URL:\n${stderr}`) }),
    ])
    killed.pid = child.pid!
    killed.port = Number(new URL(url).port)
    child.kill('SIGKILL')
    await once(child, 'exit')
    const leftovers = () => [tmpdir(), '/dev/shm'].flatMap((parent) => readdirSync(parent))
      .filter((name) => name.startsWith(`onemap-pg-cluster-${killed.pid}-`))
    expect(leftovers()).toHaveLength(1)
    expect(await portIsFree(killed.port)).toBe(false)

    next = await startCluster({ fast: true, port: killed.port })
    expect(leftovers()).toHaveLength(0)
    const [row] = await query(next.url, (sql) => sql`SELECT postgis_lib_version() AS postgis`)
    expect(row!.postgis).toMatch(/^3\./)
  })
})
