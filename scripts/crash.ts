// `npm run crash [-- --engine sqlite|postgres]`: kills the real server with SIGKILL at 20 random moments of an
// intake stream of 500 incidents/s over HTTP, restarts it on the same database each time, and checks after every
// restart:
//   - SQLite: PRAGMA integrity_check (and foreign_key_check) is ok;
//   - every acknowledged (201) incident is present, with what was sent, exactly once;
//   - no partial record: each incident has its report event and its change-feed event, incident_days equals its
//     recomputation from the rows, no stored Idempotency-Key response names a missing incident;
//   - every figure of /api/metrics/summary (over the rollup's whole days and over raw instants) and the township
//     and grid choropleths equal their recomputation from the raw rows (scripts/trust/db-checks.ts);
//   - requests cut off by the kill, retried with their Idempotency-Key, are stored exactly once.
// Then `npm run backup` runs while the stream goes on; the backup is checked the same way, and restored (a
// server started on it) serves counts equal to its rows. Prints a summary; exits 1 on any failure.
// CRASH_KILLS (default 20) and CRASH_RATE (default 500/s) change the run.
// The engine: SQLite in a temporary file by default. `--engine postgres` starts a throw-away cluster of its own
// (fsync on; CRASH_PG_PORT picks its port, else any free one) and on every other kill crashes PostgreSQL too
// (immediate stop: no checkpoint, WAL replay on the next start). With DATABASE_URL set the run uses that
// (empty) database instead, the server's kills only, and restores the backup into a new database beside it.
import { execFile } from 'node:child_process'
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs, promisify } from 'node:util'
import { parseDatabaseUrl } from '../api/config'
import { openStore } from '../api/store'
import type { Store } from '../api/store'
import { redactUrl } from '../api/store/postgres-db'
import { DAY, differs, expectedMetrics, integrity, localDay, partialRows, rawByRegion, rawFigures } from './trust/db-checks'
import { REPO, ensureBuilt, freePort, leaderAuth, startServer } from './trust/server-child'
import type { Child } from './trust/server-child'
import { startCluster } from './trust/throwaway-postgres'
import type { Cluster } from './trust/throwaway-postgres'

const KILLS = Number(process.env.CRASH_KILLS ?? 20)
const RATE = Number(process.env.CRASH_RATE ?? 500)
const run = Date.now().toString(36)
// Enough in flight for 500/s at 200 ms per request; more sockets only add overhead on a busy machine.
const MAX_IN_FLIGHT = 100
const SEATS = [[119.708034, 27.559551], [119.933955, 27.623825], [119.859305, 27.650501]] as const
const TYPES = ['road-occupation', 'illegal-stacking', 'food-safety', 'neighbour-conflict', 'geohazard'] as const
const SEVERITIES = ['normal', 'urgent', 'critical'] as const

const failures: string[] = []
const fail = (where: string, problems: string[]) => { for (const p of problems) failures.push(`${where}: ${p}`) }

const dir = mkdtempSync(join(tmpdir(), 'onemap-crash-'))
const { values: flags } = parseArgs({ options: { engine: { type: 'string' } }, strict: true })
const givenUrl = parseDatabaseUrl(process.env.DATABASE_URL)
const engine = flags.engine ?? (givenUrl ? 'postgres' : 'sqlite')
if (engine !== 'sqlite' && engine !== 'postgres') throw new Error(`--engine "${engine}": use sqlite or postgres`)

function body(seq: number) {
  const [lng, lat] = SEATS[seq % SEATS.length]!
  const jitter = () => ((seq * 7919) % 1000) / 1_000_000
  return JSON.stringify({
    type: TYPES[seq % TYPES.length], severity: SEVERITIES[seq % 3], source: 'app',
    point: { lng: Math.round((lng + jitter()) * 1e6) / 1e6, lat: Math.round((lat - jitter()) * 1e6) / 1e6 },
    description: `crash-${run}-${seq}`,
  })
}

// ── The intake stream ──────────────────────────────────────────────────────────────────────────────────────
const acked = new Map<number, number>() // seq → incident id, for every 201
const inFlightAtKill = new Set<number>()
const statuses = new Map<string, number>()
let nextSeq = 0
/** The leader token the stream and the checks send (created once the server has made the database). */
let auth: Record<string, string> = {}

function post(url: string, seq: number, signal?: AbortSignal): Promise<Response> {
  return fetch(`${url}/api/incidents`, {
    method: 'POST', body: body(seq), signal,
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `crash-${run}-${seq}`, ...auth },
  })
}

function record(seq: number, status: number, json: { id?: number }) {
  statuses.set(String(status), (statuses.get(String(status)) ?? 0) + 1)
  if (status === 201 && typeof json.id === 'number') {
    const prev = acked.get(seq)
    if (prev !== undefined && prev !== json.id) failures.push(`seq ${seq} acknowledged as ${prev} and again as ${json.id}`)
    acked.set(seq, json.id)
  } else if (status >= 500) failures.push(`seq ${seq}: HTTP ${status}`)
}

/** Sends RATE requests per second until stopped; returns the sequence numbers still in flight when it stops. */
function stream(url: string) {
  const inFlight = new Set<number>()
  const controller = new AbortController()
  const started = Date.now()
  let sent = 0
  const tick = setInterval(() => {
    const due = Math.floor(((Date.now() - started) / 1000) * RATE) - sent
    for (let i = 0; i < due && inFlight.size < MAX_IN_FLIGHT; i++) {
      const seq = nextSeq++
      sent++
      inFlight.add(seq)
      // An answer whose body was cut off by the kill stays in flight: its retry replays the stored answer.
      post(url, seq, controller.signal)
        .then(async (res) => {
          const json = await res.json().catch(() => null)
          if (json === null) return
          record(seq, res.status, json)
          inFlight.delete(seq)
        })
        .catch(() => { /* cut off by the kill: stays in flight, retried after the restart */ })
    }
  }, 5)
  return {
    sent: () => sent,
    stop: () => { clearInterval(tick); controller.abort(); return [...inFlight] },
  }
}

// ── Checks after a restart ─────────────────────────────────────────────────────────────────────────────────
async function getJson(url: string) {
  const res = await fetch(url, { headers: auth })
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`)
  return res.json() as Promise<any>
}

/** What the latest checkRows found: acknowledged incidents missing, requests stored more than once. */
let lastCheck = { missing: 0, doubled: 0 }

/** Opens the database as the restarted server will (SQLite: recovering the WAL), runs fn, closes it. */
async function withStore<T>(location: string, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(location)
  try {
    return await fn(store)
  } finally {
    await store.close()
  }
}

async function checkRows(store: Store, where: string, mustHave: Map<number, number>) {
  fail(where, integrity(store))
  fail(where, await partialRows(store.sql))
  const rows = (await store.sql.all<{ id: number; description: string }>(`SELECT id, description FROM incidents WHERE description LIKE ?`, [`crash-${run}-%`]))
    .map((r) => ({ id: Number(r.id), description: r.description }))
  const bySeq = new Map<number, number[]>()
  for (const r of rows) {
    const seq = Number(r.description.slice(`crash-${run}-`.length))
    bySeq.set(seq, [...(bySeq.get(seq) ?? []), r.id])
  }
  const missing = [...mustHave].filter(([seq, id]) => !bySeq.get(seq)?.includes(id))
  lastCheck = { missing: missing.length, doubled: 0 }
  if (missing.length) fail(where, [`${missing.length} acknowledged incidents are missing (e.g. seq ${missing[0]![0]}, id ${missing[0]![1]})`])
  const doubled = [...bySeq].filter(([, ids]) => ids.length > 1)
  lastCheck.doubled = doubled.length
  if (doubled.length) fail(where, [`${doubled.length} requests were stored more than once (e.g. seq ${doubled[0]![0]}: ids ${doubled[0]![1].join(', ')})`])
  return rows.length
}

async function checkMetrics(url: string, store: Store, where: string) {
  const today = localDay(Date.now())
  // Whole local days (the summary reads the incident_days rollup for them) and raw instants (it reads rows).
  const periods = [
    { from: localDay(Date.now() - 29 * DAY).start, to: today.start + 2 * DAY, q: `from=${localDay(Date.now() - 29 * DAY).date}&to=${localDay(today.start + 2 * DAY).date}` },
    { from: Date.now() - 3 * 3_600_000, to: Date.now() + DAY, q: '' },
  ]
  periods[1]!.q = `from=${new Date(periods[1]!.from).toISOString()}&to=${new Date(periods[1]!.to).toISOString()}`
  for (const p of periods) {
    // A failing answer is a problem to report, not the end of the run: the stored rows are still checked.
    const summary = await getJson(`${url}/api/metrics/summary?${p.q}`)
      .catch((err: Error) => { fail(where, [err.message.slice(0, 200)]); return { metrics: {} } })
    const expected = expectedMetrics(await rawFigures(store.sql, p.from, p.to))
    for (const [metric, value] of Object.entries(expected)) {
      if (metric in summary.metrics && differs(summary.metrics[metric], value)) fail(where, [`summary ${metric} (${p.q}) is ${summary.metrics[metric]}, the rows say ${value}`])
    }
    for (const level of ['township', 'grid'] as const) {
      const choro = await getJson(`${url}/api/metrics/choropleth?level=${level}&metric=reports&${p.q}`)
        .catch((err: Error) => { fail(where, [err.message.slice(0, 200)]); return null })
      if (!choro) continue
      const raw = await rawByRegion(store.sql, level, p.from, p.to)
      const wrong = Object.entries(choro.values as Record<string, number>).filter(([k, v]) => v !== (raw.get(k) ?? 0))
      const unknown = [...raw.keys()].filter((k) => !(k in choro.values))
      if (wrong.length || unknown.length) fail(where, [`choropleth ${level} reports (${p.q}): ${wrong.length} regions differ from the rows, ${unknown.length} missing`])
    }
  }
}

async function retryCutOff(url: string, seqs: number[]) {
  // What a phone does after a time-out: send again with the same key. Stored → replayed; lost → created now.
  for (const seq of seqs) {
    const res = await post(url, seq)
    record(seq, res.status, await res.json())
    if (res.status !== 201) fail('retry', [`seq ${seq} retried after the restart got ${res.status}`])
  }
}

// ── The run ────────────────────────────────────────────────────────────────────────────────────────────────
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Where the run's data lives, and how to make a fresh database for the restored backup. */
interface Target {
  location: string
  label: string
  /** A new database (PostgreSQL) or file path (SQLite) to restore the backup into, and how to restore it. */
  restore(backupPath: string, restoreCommand: string): Promise<string>
  /** PostgreSQL's own crash, when the run owns the cluster. */
  crashDatabase?: () => void
  close(): void
}

async function target(): Promise<Target> {
  if (engine === 'sqlite') {
    const dbPath = join(dir, 'onemap.db')
    return {
      location: dbPath, label: dbPath, close: () => {},
      async restore(backupPath) {
        const restoredPath = join(dir, 'restored.db')
        copyFileSync(backupPath, restoredPath)
        return restoredPath
      },
    }
  }
  const restoreInto = async (url: string, backupPath: string, command: string) => {
    await promisify(execFile)('sh', ['-c', command.replace(/--dbname '[^']*'/, `--dbname '${url}'`).replace(/'[^']*'$/, `'${backupPath}'`)])
    return url
  }
  if (givenUrl) {
    // Another database beside the given one, made by the given user (who needs CREATEDB for this part).
    const restoredName = `${new URL(givenUrl).pathname.slice(1)}_crash_restore_${run}`
    const { default: postgres } = await import('postgres')
    const admin = postgres(givenUrl, { max: 1, onnotice: () => {} })
    return {
      location: givenUrl, label: redactUrl(givenUrl),
      async restore(backupPath, command) {
        await admin.unsafe(`CREATE DATABASE "${restoredName}"`)
        const u = new URL(givenUrl)
        u.pathname = `/${restoredName}`
        return restoreInto(u.toString(), backupPath, command)
      },
      close: () => { void admin.unsafe(`DROP DATABASE IF EXISTS "${restoredName}" WITH (FORCE)`).finally(() => admin.end()) },
    }
  }
  const cluster: Cluster = await startCluster(process.env.CRASH_PG_PORT ? Number(process.env.CRASH_PG_PORT) : await freePort())
  const location = await cluster.createDatabase('onemap')
  return {
    location, label: `${location} (throw-away cluster, fsync on)`,
    async restore(backupPath, command) { return restoreInto(await cluster.createDatabase('restored'), backupPath, command) },
    crashDatabase: () => { cluster.crash(); cluster.start() },
    close: () => cluster.stop(),
  }
}

async function main() {
  ensureBuilt()
  const port = await freePort()
  const env = { RATE_LIMIT_INTAKE: 'off' } // one client at 500/s is the point here, not a client to throttle
  const db = await target()
  try {
    await runOn(db, port, env)
  } catch (err) {
    for (const child of servers) {
      console.error(`── the server's output (${child.url}), its end ──\n${child.output().slice(-4000)}`)
      await child.kill()
    }
    throw err
  } finally {
    db.close()
    rmSync(dir, { recursive: true, force: true })
  }
  if (failures.length) {
    console.log(`FAILED: ${failures.length} problems`)
    for (const f of failures.slice(0, 30)) console.log(`  - ${f}`)
    process.exit(1)
  }
  console.log(`PASSED: ${engine === 'sqlite' ? 'integrity ok, ' : ''}every acknowledged incident present once, no partial rows, every figure equals its recomputation, backup and restore intact`)
}

/** The servers this run started, so a failure stops them and shows what they logged. */
const servers = new Set<Child>()
async function serve(port: number, location: string, env: Record<string, string>): Promise<Child> {
  const child = await startServer(port, location, env)
  servers.add(child)
  child.process.once('exit', () => servers.delete(child))
  return child
}

async function runOn(db: Target, port: number, env: Record<string, string>) {
  const started = Date.now()
  let server: Child = await serve(port, db.location, env)
  auth = await leaderAuth(db.location, `crash ${run}`)
  console.log(`crash: server up on ${db.label} (seeded the demo preset in ${((Date.now() - started) / 1000).toFixed(1)} s); ${KILLS} kills at ${RATE} incidents/s`)
  const moments: number[] = []
  let streamMs = 0
  let streamAcked = 0
  let databaseCrashes = 0
  for (let kill = 1; kill <= KILLS; kill++) {
    const s = stream(server.url)
    const ackedBefore = acked.size
    const after = 300 + Math.floor(Math.random() * 2700)
    moments.push(after)
    await sleep(after)
    // Every other time the database goes down with the server, at the same instant, when the run owns it.
    const alsoDatabase = db.crashDatabase !== undefined && kill % 2 === 0
    await Promise.all([server.kill(), alsoDatabase ? Promise.resolve().then(db.crashDatabase) : null])
    if (alsoDatabase) databaseCrashes++
    const cut = s.stop()
    const ackRate = Math.round(((acked.size - ackedBefore) / after) * 1000)
    streamMs += after
    streamAcked += acked.size - ackedBefore
    cut.forEach((seq) => inFlightAtKill.add(seq))
    const rows = await withStore(db.location, (store) => checkRows(store, `kill ${kill}`, acked))
    server = await serve(port, db.location, env)
    await withStore(db.location, (store) => checkMetrics(server.url, store, `after restart ${kill}`))
    await retryCutOff(server.url, cut)
    console.log(`kill ${String(kill).padStart(2)} at ${String(after).padStart(4)} ms${alsoDatabase ? ' (+ PostgreSQL)' : ''}: ${s.sent()} sent, ${ackRate}/s acknowledged, ${cut.length} cut off, ${acked.size} acknowledged in all, ${rows} stored — ${failures.length ? `${failures.length} problems so far` : 'ok'}`)
  }
  const stored = await withStore(db.location, (store) => checkRows(store, 'after the last retries', acked))
  const { missing: lost, doubled } = lastCheck
  const ackedAtEnd = acked.size

  // ── Online backup while the stream goes on, then a restore ──
  const s = stream(server.url)
  await sleep(1000)
  const before = new Map(acked)
  const backupPath = join(dir, engine === 'sqlite' ? 'backup.db' : 'backup.dump')
  const t0 = Date.now()
  const backupEnv = engine === 'sqlite' ? { DB_PATH: db.location, DATABASE_URL: '' } : { DATABASE_URL: db.location }
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(REPO, 'scripts', 'backup.ts'), backupPath], { cwd: REPO, env: { ...process.env, ...backupEnv } })
  const backupMs = Date.now() - t0
  await sleep(500)
  await server.stop()
  s.stop()
  const restoreCommand = stdout.split('\n').find((l) => l.trim().startsWith('pg_restore'))?.trim() ?? ''
  const restoredAt = await db.restore(backupPath, restoreCommand)
  const inBackup = await withStore(restoredAt, (store) => checkRows(store, 'backup', before))
  const restored = await serve(await freePort(), restoredAt, env)
  await withStore(restoredAt, (store) => checkMetrics(restored.url, store, 'restored backup'))
  const health = await getJson(`${restored.url}/api/health`)
  await restored.stop()

  console.log(`backup during writes: ${stdout.trim().split('\n')[0]} (${backupMs} ms wall); ${before.size} acknowledged before it began, ${inBackup} stream incidents in it; a server restored from it is healthy (${health.status}) and its figures equal its rows`)
  console.log(`\ncrash summary (${engine}): ${KILLS} SIGKILLs at ${moments.join(', ')} ms into each stream${databaseCrashes ? `, ${databaseCrashes} of them with an immediate stop of PostgreSQL` : ''}; ${nextSeq} requests sent (offered at ${RATE}/s), ${acked.size} acknowledged (${Math.round(streamAcked / streamMs * 1000)}/s acknowledged during the streams), after the last retries ${ackedAtEnd} acknowledged and ${stored} stored, ${lost} acknowledged and lost, ${doubled} stored twice; ${inFlightAtKill.size} cut off and retried; statuses ${JSON.stringify(Object.fromEntries(statuses))}`)
}

main().catch((err) => { console.error(err); process.exit(1) })
