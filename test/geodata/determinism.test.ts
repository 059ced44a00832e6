// The build is deterministic: building into a temp dir gives files byte-identical to the committed ones.
// A failure here means either the committed files are stale (run `npm run geodata`) or the build lost determinism.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { LAYER_NAMES, readLayerText, REPO } from './layers'

describe('geodata build', () => {
  const out = mkdtempSync(join(tmpdir(), 'geodata-'))
  afterAll(() => rmSync(out, { recursive: true, force: true }))

  it('rebuilds byte-identical files', { timeout: 120_000 }, () => {
    execFileSync(process.execPath, ['--import', 'tsx', join(REPO, 'geodata', 'scripts', 'build-all.ts'), out], {
      cwd: REPO,
      stdio: 'pipe',
    })
    for (const name of LAYER_NAMES) {
      const built = readLayerText(name, out)
      expect(built.endsWith(']}\n'), name).toBe(true)
      // Compare as strings, not with toEqual on parsed JSON: layout and number formatting must match too.
      expect(built === readLayerText(name), `${name}.geojson differs from the committed file`).toBe(true)
    }
  })
})
