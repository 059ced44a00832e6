// HAProxy in front of the API replicas: its configuration, written into the cluster's directory, its process, and
// what it says about its servers (the admin socket's `show stat`).
import { spawn, execFileSync } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { createWriteStream, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { join } from 'node:path'
import { HAPROXY } from './prerequisites'

export interface Backend { name: string; port: number }

/** Seconds HAProxy's own 503 (no replica available) tells a client to wait: the API's outage answer says the same. */
const NO_REPLICA_RETRY_SECONDS = 5
const NO_REPLICA = JSON.stringify({ error: { code: 'no_replica', message: `no API server can take the request at the moment; nothing of it was stored: send it again in ${NO_REPLICA_RETRY_SECONDS} s` } })

/**
 * The configuration, and why each line is there:
 *
 * - `balance leastconn`: a dashboard holds one event stream (GET /api/stream) open for hours beside its short
 *   requests. Round robin counts a held stream as one request like any other, so the streams pile up unevenly
 *   (and a replica that comes back gets none of the existing ones while the others keep theirs); leastconn sends
 *   each new connection to the replica with the fewest open, which counts the streams. No stickiness is needed:
 *   sessions, idempotency keys and the change feed live in PostgreSQL, and every replica hears every commit
 *   (NOTIFY), so any replica serves any request and any stream.
 * - Health: `GET /api/health` every second (`inter 1s`), out after three failures (`fall 3`), back after two
 *   successes (`rise 2`); a replica killed outright refuses the check's connection at once, so it is out within
 *   2-3 s (and its streams ended with its process: the clients reconnect before that). A check waits up to 5 s
 *   for its answer (`timeout check 5s`): a replica busy opening a thousand streams at once answers late but is
 *   alive, and marking it down would end all its streams (below) and pile them onto the others, which then answer
 *   late in turn — 5,000 streams opened at once through a 2-s check cascaded so, every replica down in turn.
 *   `on-marked-down shutdown-sessions` ends the streams held through a replica marked down (one that hangs
 *   without dying), so browsers reconnect (with Last-Event-ID) elsewhere instead of waiting on it.
 * - `retry-on conn-failure empty-response` with `retries 3` and `option redispatch 1`: a request whose replica
 *   refused the connection, or closed it without a byte of answer (killed mid-request), is sent again, each time
 *   to another replica. Only for requests that may be repeated: a connection failure means the request was never
 *   sent (always safe); an empty response may come after the write was done, so `disable-l7-retry` keeps that
 *   case to GET and HEAD, and to writes carrying an Idempotency-Key (the API answers a repeat of those with the
 *   first answer, from the same transaction as the record).
 * - Timeouts: `timeout client` and `timeout server` 1 min cover every ordinary request (the API ends a write
 *   whose body has not arrived in 30 s); the event stream sends a heartbeat every 15 s, so it is never idle that
 *   long. `timeout tunnel 1h` is for a connection HAProxy turns into a tunnel (an upgrade), and
 *   `set-timeout server 1h` on /api/stream keeps a stream whose heartbeats are delayed (a replica stalled by a
 *   long query) from being cut.
 * - `http-error status 503`: when no replica can take a request (every one down, or the retries spent on
 *   replicas that refused the connection), HAProxy answers itself — as the API answers an outage: 503 with
 *   Retry-After and the API's error shape, so a client waits and sends again (with its Idempotency-Key) instead
 *   of taking an HTML page for a failure. Nothing of such a request reached a replica.
 * - `option forwardfor`: the replicas see HAProxy's address as the peer; X-Forwarded-For carries the client's.
 * - `option http-server-close` is not set: keep-alive to the replicas saves a connection per request.
 * - The log (haproxy.log in the cluster's directory) has the servers going down and up, and only the requests that
 *   ended in an error or were retried (`dontlog-normal`), with HAProxy's termination state.
 */
export function haproxyConfig(options: { port: number; backends: readonly Backend[]; socket: string; maxconn?: number }): string {
  const servers = options.backends.map((b) => `  server ${b.name} 127.0.0.1:${b.port}`).join('\n')
  return `# Written by scripts/cluster (npm run cluster -- start); rewritten on every start.
global
  maxconn ${options.maxconn ?? 4096}
  stats socket ${options.socket} mode 600 level admin
  log stdout format raw local0 info

defaults
  mode http
  log global
  option httplog
  option dontlognull
  option dontlog-normal
  timeout connect 2s
  timeout client 1m
  timeout server 1m
  timeout tunnel 1h
  timeout http-request 10s
  timeout http-keep-alive 10s
  timeout check 5s
  http-error status 503 content-type application/json string '${NO_REPLICA}' hdr Retry-After ${NO_REPLICA_RETRY_SECONDS} hdr Cache-Control no-store

frontend onemap
  bind 127.0.0.1:${options.port}
  option forwardfor
  http-request set-header X-Forwarded-Proto http
  default_backend replicas

backend replicas
  balance leastconn
  option httpchk
  http-check send meth GET uri /api/health
  http-check expect status 200
  default-server check inter 1s fall 3 rise 2 on-marked-down shutdown-sessions
  retries 3
  option redispatch 1
  retry-on conn-failure empty-response
  acl repeatable method GET HEAD
  acl idempotency_key req.hdr(Idempotency-Key) -m found
  http-request disable-l7-retry unless repeatable || idempotency_key
  http-request set-timeout server 1h if { path /api/stream }
${servers}
`
}

export interface HaproxyProcess {
  child: ChildProcess
  stop(): Promise<void>
}

/** Checks the configuration, then runs HAProxy in the foreground (-db) in a process group of its own. */
export function startHaproxy(configPath: string, logPath: string): HaproxyProcess {
  try {
    execFileSync(HAPROXY, ['-c', '-q', '-f', configPath], { encoding: 'utf8', stdio: 'pipe' })
  } catch (error) {
    const e = error as { stderr?: string; message: string }
    throw new Error(`HAProxy refuses ${configPath}: ${(e.stderr || e.message).trim()}`)
  }
  const log = createWriteStream(logPath, { flags: 'a' })
  const child = spawn(HAPROXY, ['-db', '-f', configPath], { stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  child.stdout!.pipe(log)
  child.stderr!.pipe(log)
  let ended: Promise<void> | undefined
  return {
    child,
    stop() {
      ended ??= new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      })
      return ended
    },
  }
}

export function writeHaproxyConfig(dir: string, options: { port: number; backends: readonly Backend[]; maxconn?: number }): { config: string; socket: string } {
  const socket = join(dir, 'haproxy.sock')
  const config = join(dir, 'haproxy.cfg')
  writeFileSync(config, haproxyConfig({ ...options, socket }))
  return { config, socket }
}

/** One command on the admin socket; its whole answer. */
export function haproxyCommand(socket: string, command: string, timeoutMs = 2_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const conn = connect(socket)
    let answer = ''
    const timer = setTimeout(() => conn.destroy(new Error(`no answer from ${socket} in ${timeoutMs} ms`)), timeoutMs)
    conn.setEncoding('utf8')
    conn.on('connect', () => conn.write(`${command}\n`))
    conn.on('data', (chunk) => { answer += chunk })
    conn.on('end', () => { clearTimeout(timer); resolve(answer) })
    conn.on('error', (error) => { clearTimeout(timer); reject(error) })
  })
}

/** Each server of the backend `replicas` with HAProxy's view of it: UP, DOWN, or a transition ("UP 1/2"…). */
export async function serverStates(socket: string): Promise<Map<string, string>> {
  const csv = await haproxyCommand(socket, 'show stat')
  const [header, ...rows] = csv.trim().split('\n')
  const columns = header!.replace(/^# /, '').split(',')
  const at = (name: string) => columns.indexOf(name)
  const states = new Map<string, string>()
  for (const row of rows) {
    const cells = row.split(',')
    if (cells[at('pxname')] === 'replicas' && !['FRONTEND', 'BACKEND'].includes(cells[at('svname')]!)) {
      states.set(cells[at('svname')]!, cells[at('status')]!)
    }
  }
  return states
}
