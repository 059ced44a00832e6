/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import { apiTypes } from './scripts/vite-api-types.ts'
import { precompress } from './scripts/vite-precompress.ts'

const repo = fileURLToPath(new URL('.', import.meta.url))
const apiPort = process.env.PORT ?? '8787'

// What both engines' test projects share: an inline project without `extends` takes nothing from `test`.
const engineProject = {
  root: repo,
  // Browser tests drive a real server and a software-rendered WebGL map on 2 shared cores.
  testTimeout: 60_000,
  hookTimeout: 180_000,
}

export default defineConfig({
  root: `${repo}web`,
  // Every component is <script setup>: Vue's Options API support (data, methods, option hooks) is left out.
  // apiTypes: the dev server writes web/src/api/schema.d.ts, which is generated, not committed (scripts/api-types.ts).
  plugins: [apiTypes(), vue({ features: { optionsAPI: false } }), precompress()],
  build: {
    // Vite resolves a relative outDir against root (web/), so the path is absolute.
    outDir: `${repo}dist/web`,
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: { proxy: { '/api': `http://127.0.0.1:${apiPort}` } },
  test: {
    // Vitest would inherit root 'web' and find no tests under test/.
    root: repo,
    // The root project's global setup (building the SPA) runs once per run, whichever projects have tests in it;
    // a project with `extends: true` would inherit it and build again, so the projects spread engineProject.
    globalSetup: ['test/global-setup.ts'],
    // Vitest's default on 2 cores is one worker: every file in turn. The engine projects run two files side by side;
    // the browser project runs after them, one file at a time, with the machine to itself: its checks that the
    // wall announces something within 5 s must not measure another test's load.
    maxWorkers: 2,
    projects: [
      // Everything but the browser, on the embedded SQLite; the tests for PostgreSQL alone (*.pg.test.ts) are not here.
      {
        test: {
          ...engineProject, name: 'sqlite', include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.pg.test.ts', 'test/e2e/**', 'test/cluster/**'],
        },
      },
      // Real Chromium against a real server (and the replicas behind HAProxy), after the engine projects.
      {
        test: {
          ...engineProject, name: 'browser', include: ['test/e2e/**/*.test.ts', 'test/cluster/**/*.test.ts'],
          maxWorkers: 1, sequence: { groupOrder: 1 },
        },
      },
      {
        // The suites that reach the store, again on PostgreSQL + PostGIS, in a throw-away cluster of the run's own.
        // Left out: the browser and geodata tests (they do not depend on the engine) and the seed generator's
        // tests (it writes SQLite; on PostgreSQL its rows arrive by copy-to-postgres, tested row by row).
        test: {
          ...engineProject,
          name: 'postgres',
          include: ['test/{api,store,property}/**/*.test.ts', 'test/seed/*.pg.test.ts', 'test/seed/simulator.test.ts', 'test/seed/seed-command-postgres.test.ts'],
          // It starts clusters of its own: once, in the sqlite project, is enough.
          exclude: ['test/store/pg-cluster.test.ts'],
          env: { ONEMAP_TEST_ENGINE: 'postgres' },
          globalSetup: ['test/postgres-setup.ts'],
        },
      },
    ],
  },
})
