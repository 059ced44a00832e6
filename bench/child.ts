// Starts a bench server script as a child process (node --import tsx, as `npm run serve` does), waits for its
// `listening <port>` line, and reads its memory from /proc, so RSS is the server's own and not the runner's.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO } from './paths'

export interface Child {
  url: string
  pid: number
  /** Resident set now and its peak (VmRSS, VmHWM), in bytes; null off Linux. */
  memory(): { rss: number; peak: number } | null
  stop(): Promise<void>
}

export async function startChild(script: string, env: Record<string, string>): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'bench', 'servers', script)], {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start within 60 s:\n${out}`)), 60_000)
    const onData = (d: Buffer) => {
      out += d
      const m = /listening (\d+)/.exec(out)
      if (m) { clearTimeout(timer); resolve(Number(m[1])) }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`${script} exited with ${code}:\n${out}`)) })
  })
  const pid = child.pid
  if (pid === undefined) throw new Error(`${script} has no pid`)
  return {
    url: `http://127.0.0.1:${port}`,
    pid,
    memory: () => procMemory(pid),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      await once(child, 'exit')
    },
  }
}

function procMemory(pid: number): { rss: number; peak: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024
    return { rss: kb('VmRSS'), peak: kb('VmHWM') }
  } catch {
    return null
  }
}
