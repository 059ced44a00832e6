// A real GIS client against the feature service: GDAL's OAPIF driver (what QGIS uses for OGC API – Features) over
// HTTP, signed in with a leader's API token through GDAL_HTTP_HEADERS. ogrinfo must list every collection, and a
// month of one township copied into a GeoPackage with ogr2ogr must hold exactly the JSON API's total. Needs
// ogrinfo and ogr2ogr (Debian: apt-get install gdal-bin); without them the test fails saying so, never skips.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { serve } from '@hono/node-server'
import type { ServerType } from '@hono/node-server'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { testApp } from '../support/app'
import type { TestApp } from '../support/app'
import { GRIDS } from '../support/fixtures'
import { pointInGrid } from '../support/points'
import { freePort } from '../support/server'

const run = promisify(execFile)
const INSTALL = 'ogrinfo/ogr2ogr not found: install GDAL (Debian: apt-get install gdal-bin) to run this test'
const HOUR = 3_600_000
/** Reports every 29 hours from 2026-08-20 to early November, in two townships: a month of one township is a part. */
const START = Date.parse('2026-08-20T00:00:00Z')

let t: TestApp
let server: ServerType
let base: string
let dir: string

async function gdal(tool: 'ogrinfo' | 'ogr2ogr', args: string[], signedIn = true): Promise<string> {
  try {
    const { stdout } = await run(tool, args, {
      env: { ...process.env, ...(signedIn ? { GDAL_HTTP_HEADERS: `Authorization: Bearer ${t.leader}` } : {}), CPL_DEBUG: 'OFF', GDAL_HTTP_TIMEOUT: '60' },
      maxBuffer: 32 * 1024 * 1024, timeout: 120_000,
    })
    return stdout
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(INSTALL)
    const e = err as { stderr?: string; message: string }
    throw new Error(`${tool} ${args.join(' ')} failed: ${e.stderr ?? e.message}`)
  }
}

beforeAll(async () => {
  t = await testApp()
  const saved = t.clock.now
  const grids = [GRIDS.luoyangA, GRIDS.luoyangOtherVillage, GRIDS.siqian]
  for (let i = 0; i < 60; i++) {
    t.clock.now = START + i * 29 * HOUR
    const res = await t.post('/api/incidents', { type: 'road-occupation', point: pointInGrid(t.locator, grids[i % 3]!), source: 'patrol', description: `GDAL 测试 ${i}` })
    expect(res.status).toBe(201)
  }
  t.clock.now = saved
  const port = await freePort()
  server = serve({ fetch: t.app.fetch, port, hostname: '127.0.0.1' })
  base = `http://127.0.0.1:${port}`
  dir = mkdtempSync(join(tmpdir(), 'onemap-ogc-'))
})
afterAll(async () => {
  await new Promise((r) => server?.close(r))
  if (dir) rmSync(dir, { recursive: true, force: true })
  await t?.close()
})

test('ogrinfo lists every collection of the feature service', async () => {
  const out = await gdal('ogrinfo', ['-ro', '-so', `OAPIF:${base}/ogc`])
  for (const id of ['townships', 'villages', 'grids', 'incidents', 'disputes', 'sites', 'whistles', 'alerts']) {
    expect(out, out).toMatch(new RegExp(`^\\d+: ${id}\\b`, 'm'))
  }
  // Without the token: the boundaries only, as the policy table has it.
  const anonymous = await gdal('ogrinfo', ['-ro', '-so', `OAPIF:${base}/ogc`], false)
  expect(anonymous.match(/^\d+: \w+/gm)).toEqual(['1: townships', '2: villages', '3: grids'])
}, 120_000)

test('ogr2ogr copies one township\'s month into a GeoPackage: its feature count equals the JSON API\'s total', async () => {
  const from = '2026-09-01T00:00:00+08:00'
  const to = '2026-10-01T00:00:00+08:00'
  const { body } = await t.json(`/api/incidents?scope=330329100&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&limit=5000`)
  const total = (body.features as unknown[]).length
  expect(total).toBeGreaterThan(5)
  const gpkg = join(dir, 'incidents.gpkg')
  // The attribute filter is GDAL's own; OGR SQL compares the ISO text of reportedAt (UTC) as GDAL parsed it.
  // PAGE_SIZE 7: GDAL follows the next links page by page.
  await gdal('ogr2ogr', ['-f', 'GPKG', gpkg, `OAPIF:${base}/ogc`, 'incidents', '-oo', 'PAGE_SIZE=7',
    '-where', `township = '330329100' AND reportedAt >= '2026/08/31 16:00:00' AND reportedAt < '2026/09/30 16:00:00'`])
  const info = await gdal('ogrinfo', ['-ro', '-so', gpkg, 'incidents'])
  expect(info).toContain(`Feature Count: ${total}`)
  expect(info).toMatch(/Geometry: Point/)

  // The same month filtered by the server: GDAL passes the collection URL's query on to every items request.
  const filtered = join(dir, 'filtered.gpkg')
  const query = `township=330329100&datetime=${encodeURIComponent(`${from}/2026-09-30T23:59:59.999+08:00`)}`
  await gdal('ogr2ogr', ['-f', 'GPKG', filtered, `OAPIF:${base}/ogc/collections/incidents?${query}`, '-oo', 'PAGE_SIZE=5'])
  expect(await gdal('ogrinfo', ['-ro', '-so', filtered, 'incidents'])).toContain(`Feature Count: ${total}`)
}, 180_000)
