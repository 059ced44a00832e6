// `npm run cluster -- stop`, from any shell: stops what the state file says `start` started. The supervisor is
// asked first (SIGTERM: it stops HAProxy, the replicas, the standby and the primary in that order, and removes the
// state file). When it is gone (killed) or does not finish in time, each recorded part is ended here instead; a pid
// counts only while its command line is still the one started, since a pid may have been handed out again.
import { join } from 'node:path'
import { removeClusterDirSync } from '../pg-cluster'
import { commandLine, processAlive, readState, removeState } from './state'

const SUPERVISOR_GRACE_MS = 60_000
/** What a replica's command line holds: this checkout's server, by its absolute path. */
const SERVER = join(import.meta.dirname, '..', '..', 'api', 'server.ts')

function killIf(pid: number | null | undefined, marker: string, signal: NodeJS.Signals): boolean {
  if (!pid || !processAlive(pid) || !commandLine(pid).includes(marker)) return false
  process.kill(pid, signal)
  return true
}

async function ended(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (processAlive(pid)) {
    if (Date.now() > deadline) return false
    await new Promise((r) => setTimeout(r, 100))
  }
  return true
}

/** Returns what it did, one line each. */
export async function stopCluster(dir: string): Promise<string[]> {
  const state = readState(dir)
  if (!state) return [`no cluster runs from ${dir} (no state file)`]
  const done: string[] = []
  if (killIf(state.supervisor, 'cluster', 'SIGTERM')) {
    if (await ended(state.supervisor, SUPERVISOR_GRACE_MS)) {
      done.push(`stopped the cluster (supervisor pid ${state.supervisor})`)
      if (!readState(dir)) return done
    } else {
      killIf(state.supervisor, 'cluster', 'SIGKILL')
      done.push(`the supervisor (pid ${state.supervisor}) did not stop within ${SUPERVISOR_GRACE_MS / 1000} s: killed`)
    }
  } else {
    done.push(`the supervisor (pid ${state.supervisor}) is gone: stopping its parts one by one`)
  }
  if (killIf(state.haproxy?.pid, state.haproxy?.config ?? 'haproxy', 'SIGKILL')) done.push(`killed HAProxy (pid ${state.haproxy!.pid})`)
  for (const r of state.replicas) {
    if (killIf(r.pid, SERVER, 'SIGKILL')) done.push(`killed ${r.name} (pid ${r.pid})`)
  }
  for (const part of [state.standby, state.primary]) {
    if (!part) continue
    removeClusterDirSync(part.dir)
    done.push(`stopped PostgreSQL on port ${part.port} and removed ${part.dir}`)
  }
  removeState(dir)
  return done
}
