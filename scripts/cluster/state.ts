// The cluster's state file: what `start` started (pids, ports, directories), so that `stop`, from another shell,
// stops exactly that. Written whole and renamed into place, so a reader never sees half of it.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export interface ClusterState {
  /** The process that started the parts and restarts the replicas; `stop` asks it to stop them. */
  supervisor: number
  dir: string
  /** HAProxy's address, once every part is healthy. */
  url: string | null
  serving: boolean
  /** Lines `start` prints once serving (the wall's URL, the demo-credentials warning), for a detached start. */
  banner: string[]
  haproxy: { pid: number; config: string; port: number } | null
  replicas: { name: string; port: number; pid: number | null }[]
  primary: { dir: string; port: number; url: string } | null
  standby: { dir: string; port: number } | null
}

export const stateFile = (dir: string) => join(dir, 'state.json')

export function readState(dir: string): ClusterState | null {
  const file = stateFile(dir)
  if (!existsSync(file)) return null
  return JSON.parse(readFileSync(file, 'utf8')) as ClusterState
}

export function writeState(state: ClusterState): void {
  const file = stateFile(state.dir)
  writeFileSync(`${file}.tmp`, `${JSON.stringify(state, null, 2)}\n`)
  renameSync(`${file}.tmp`, file)
}

export function removeState(dir: string): void {
  rmSync(stateFile(dir), { force: true })
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** The command line of a running process, '' when it is gone: to check a recorded pid still is what was started. */
export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')
  } catch {
    return ''
  }
}
