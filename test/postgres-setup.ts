// Starts one throw-away PostgreSQL cluster for the test run (fast: no fsync, immediate stop) and hands the tests
// the URLs of two template databases, from which test/support/postgres-db.ts makes a database per test:
// onemap_template, migrated to the current schema (what a store opens), and onemap_empty, with the extensions
// only (for the tests of the migrations themselves). The
// teardown stops the cluster and removes its directory; so do the cluster's exit and signal handlers if the run is
// cut short.
import type { TestProject } from 'vitest/node'
import { migratePostgres } from '../api/store/postgres-db'
import { connectPostgres, postgresSql } from '../api/store/postgres-engine'
import { startCluster } from '../scripts/pg-cluster'

declare module 'vitest' {
  export interface ProvidedContext {
    /** postgres://postgres@127.0.0.1:PORT/onemap_template: nobody may stay connected to it (it is copied). */
    postgresUrl: string
    /** The same with the extensions only, no schema. */
    postgresEmptyUrl: string
  }
}

export const TEMPLATE_DATABASE = 'onemap_template'

export default async function setup(project: TestProject) {
  const cluster = await startCluster({ fast: true, log: (line) => console.log(line) })
  try {
    project.provide('postgresEmptyUrl', await cluster.createDatabase('onemap_empty'))
    const template = await cluster.createDatabase(TEMPLATE_DATABASE)
    // Migrated once here, so each test's copy starts at the current schema; closed, since a template is copied
    // only while nobody is connected to it.
    const client = connectPostgres(template, { max: 1 })
    try {
      await migratePostgres(postgresSql(client))
    } finally {
      await client.end()
    }
    project.provide('postgresUrl', template)
    // Tests that make databases or roles of their own (backups, refusals at start-up) connect here; set before any
    // test process starts, which inherits it.
    process.env.ONEMAP_TEST_PG_URL = cluster.url
  } catch (error) {
    await cluster.stop()
    throw error
  }
  return () => cluster.stop()
}
