// Starts one throw-away PostgreSQL cluster for the test run (fast: no fsync, immediate stop) and hands the tests
// the URL of its database onemap_template, from which test/support/postgres-db.ts makes a database per test. The
// teardown stops the cluster and removes its directory; so do the cluster's exit and signal handlers if the run is
// cut short.
import type { TestProject } from 'vitest/node'
import { startCluster } from '../scripts/pg-cluster'

declare module 'vitest' {
  export interface ProvidedContext {
    /** postgres://postgres@127.0.0.1:PORT/onemap_template: nobody may stay connected to it (it is copied). */
    postgresUrl: string
  }
}

export const TEMPLATE_DATABASE = 'onemap_template'

export default async function setup(project: TestProject) {
  const cluster = await startCluster({ fast: true, log: (line) => console.log(line) })
  try {
    project.provide('postgresUrl', await cluster.createDatabase(TEMPLATE_DATABASE))
  } catch (error) {
    await cluster.stop()
    throw error
  }
  return () => cluster.stop()
}
