// Request-rate ratios (bars 1 and 2), measured with autocannon (10 connections, keep-alive, no
// pipelining, no Accept-Encoding) from the runner process while the server runs in its own child process. The
// two sides alternate in short rounds (A B A B …) and each ratio is the median of the rounds' A ÷ B, so a burst
// of load from elsewhere hits both sides of a round alike rather than one whole side.
//
// Two figures per side: requests per wall-clock second (what the bar names), and requests per CPU-second of the
// server process (utime + stime from /proc). On this shared 2-core machine other sessions take the server's core
// at random moments, which moves the wall figure by ±50 % between rounds; the CPU-second figure is what the
// server does with a core of its own, and is the one the verdict reads when /proc is there.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import autocannon from 'autocannon'
import { median } from './stats'

export interface Side { label: string; url: string; pid: number }
export interface Round { requests: number; seconds: number; cpuSeconds: number | null }
export interface SideResult {
  label: string
  url: string
  rounds: Round[]
  /** Median over the rounds. */
  reqPerSec: number
  reqPerCpuSecond: number | null
}
export interface RateComparison {
  a: SideResult
  b: SideResult
  /** Median of the rounds' wall-clock ratios. */
  wallRatio: number
  /** Median of the rounds' per-server-CPU-second ratios; null off Linux. */
  cpuRatio: number | null
  /** The figure the verdict reads: cpuRatio when measured, else wallRatio. */
  ratio: number
}

export const CONNECTIONS = 10

let tick: number | undefined
function clockTicks(): number {
  if (tick === undefined) {
    try { tick = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100 } catch { tick = 100 }
  }
  return tick
}

/** CPU seconds (user + system) the process has used, or null without /proc. */
export function cpuSeconds(pid: number): number | null {
  try {
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15 of the whole line.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) / clockTicks()
  } catch {
    return null
  }
}

/** One load run; a non-2xx response or a socket error fails the benchmark (a fast error is not a fast route). */
export async function loadRound(side: Side, seconds: number): Promise<Round> {
  const cpu0 = cpuSeconds(side.pid)
  const r = await autocannon({ url: side.url, connections: CONNECTIONS, duration: seconds })
  const cpu1 = cpuSeconds(side.pid)
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${side.url}: ${r.non2xx} non-2xx responses and ${r.errors} errors under load`)
  return { requests: r['2xx'], seconds: r.duration, cpuSeconds: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0 }
}

const perCpu = (r: Round) => (r.cpuSeconds ? r.requests / r.cpuSeconds : null)

function side(s: Side, rounds: Round[]): SideResult {
  const cpu = rounds.map(perCpu)
  return {
    label: s.label, url: s.url, rounds,
    reqPerSec: median(rounds.map((r) => r.requests / r.seconds)),
    reqPerCpuSecond: cpu.every((x) => x !== null) ? median(cpu as number[]) : null,
  }
}

export async function compareRates(a: Side, b: Side, opts: { rounds: number; seconds: number }): Promise<RateComparison> {
  // Warm-up: JIT, statement caches, connections; not counted.
  await loadRound(a, 1)
  await loadRound(b, 1)
  const ra: Round[] = []
  const rb: Round[] = []
  for (let i = 0; i < opts.rounds; i++) {
    ra.push(await loadRound(a, opts.seconds))
    rb.push(await loadRound(b, opts.seconds))
  }
  const wallRatio = median(ra.map((x, i) => x.requests / x.seconds / ((rb[i]?.requests ?? NaN) / (rb[i]?.seconds ?? NaN))))
  const cpuRatios = ra.map((x, i) => { const p = perCpu(x); const q = rb[i] ? perCpu(rb[i]) : null; return p !== null && q !== null ? p / q : null })
  const cpuRatio = cpuRatios.every((x) => x !== null) ? median(cpuRatios as number[]) : null
  return { a: side(a, ra), b: side(b, rb), wallRatio, cpuRatio, ratio: cpuRatio ?? wallRatio }
}
