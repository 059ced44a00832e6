// Bar 9: what the browser must download before the map can start, and what the ECharts chunk costs
// against importing all of ECharts. Both builds run here with Vite's own API (the project's vite.config.ts for
// the SPA; a one-line `import * as echarts from 'echarts'` entry for the comparison), into scratch directories,
// and every size is gzip level 6 (the server sends the build's own gzip copies, level 9: a little smaller).
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build } from 'vite'
import { REPO } from './paths'

export interface BundleResult {
  /** The entry script and the modules it preloads, as index.html lists them. */
  initialJs: { files: string[]; bytes: number; gzipBytes: number }
  /** MapLibre's worker: fetched when the map starts, before its first frame. */
  mapWorkerGzipBytes: number
  echartsChunk: { file: string; gzipBytes: number }
  fullEcharts: { gzipBytes: number }
  /** echartsChunk ÷ fullEcharts (bar: ≤ 0.5). */
  ratio: number
}

const gz = (path: string) => gzipSync(readFileSync(path), { level: 6 }).byteLength

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.m?js$/.test(f) && statSync(join(dir, f)).isFile())
}

/** Where benchBundle leaves the SPA it built, for the browser benchmarks (bench/map-frames.ts). */
export const BENCH_SPA = join(REPO, 'bench', '.cache', 'spa')

export async function benchBundle(): Promise<BundleResult> {
  // Inside the repo (bench/.cache is git-ignored) so the comparison entry resolves `echarts` from node_modules.
  mkdirSync(join(REPO, 'bench', '.cache'), { recursive: true })
  const scratch = mkdtempSync(join(REPO, 'bench', '.cache', 'bundle-'))
  try {
    const spa = BENCH_SPA
    await build({ configFile: join(REPO, 'vite.config.ts'), logLevel: 'warn', build: { outDir: spa, emptyOutDir: true } })
    const html = readFileSync(join(spa, 'index.html'), 'utf8')
    const initial = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="\/?([^"]+\.m?js)"/g)].map((m) => m[1]!)
    if (initial.length === 0) throw new Error('index.html names no script')
    const files = jsFiles(spa)
    const worker = files.find((f) => /maplibre-gl-worker/.test(f))
    const echarts = files.find((f) => /(^|\/)echarts-[^/]*\.js$/.test(f))
    if (!echarts) throw new Error(`no echarts chunk among ${files.join(', ')}: has EChart.vue stopped importing it dynamically?`)

    // The comparison: all of ECharts, as `import * as echarts from 'echarts'` would ship it.
    const full = join(scratch, 'full')
    writeFileSync(join(scratch, 'full-entry.js'), "import * as echarts from 'echarts'\nglobalThis.echarts = echarts\n")
    await build({
      configFile: false, logLevel: 'warn', root: REPO,
      build: { outDir: full, emptyOutDir: true, rolldownOptions: { input: join(scratch, 'full-entry.js') } },
    })
    const fullBytes = jsFiles(full).reduce((n, f) => n + gz(join(full, f)), 0)

    const echartsGz = gz(join(spa, echarts))
    return {
      initialJs: {
        files: initial,
        bytes: initial.reduce((n, f) => n + statSync(join(spa, f)).size, 0),
        gzipBytes: initial.reduce((n, f) => n + gz(join(spa, f)), 0),
      },
      mapWorkerGzipBytes: worker ? gz(join(spa, worker)) : NaN,
      echartsChunk: { file: echarts, gzipBytes: echartsGz },
      fullEcharts: { gzipBytes: fullBytes },
      ratio: echartsGz / fullBytes,
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}
