// Where the benchmark reads and writes, and the environment switches it understands.
import { join } from 'node:path'

export const REPO = join(import.meta.dirname, '..')
export const RESULTS_DIR = join(REPO, 'bench', 'results')

export const DEFAULT_SCALES = [10_000, 100_000, 1_000_000] as const

export interface BenchEnv {
  /** Cache of seeded databases; outside the repo by default so a clean clone stays clean. */
  dir: string
  scales: number[]
  /** Timed requests per latency case, after the warm-up. */
  runs: number
  /** Seconds per round of a throughput comparison. */
  loadSeconds: number
}

export function readBenchEnv(env: Record<string, string | undefined> = process.env): BenchEnv {
  const scales = env.BENCH_SCALES
    ? env.BENCH_SCALES.split(',').map((s) => Number(s.trim().replace(/_/g, '')))
    : [...DEFAULT_SCALES]
  if (scales.some((s) => !Number.isInteger(s) || s < 1)) throw new Error(`BENCH_SCALES="${env.BENCH_SCALES}": use whole numbers, e.g. 10000,100000`)
  const runs = Number(env.BENCH_RUNS ?? 100)
  const loadSeconds = Number(env.BENCH_LOAD_SECONDS ?? 3)
  if (!Number.isInteger(runs) || runs < 5) throw new Error(`BENCH_RUNS="${env.BENCH_RUNS}": use a whole number ≥ 5`)
  if (!(loadSeconds > 0)) throw new Error(`BENCH_LOAD_SECONDS="${env.BENCH_LOAD_SECONDS}": use a positive number`)
  return { dir: env.BENCH_DIR || '/tmp/onemap-bench', scales: [...new Set(scales)].sort((a, b) => a - b), runs, loadSeconds }
}
