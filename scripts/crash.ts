// `npm run crash`: kills the real server with SIGKILL at 20 random moments of an intake stream of 500
// incidents/s over HTTP, restarts it on the same database each time, and checks after every restart:
//   - PRAGMA integrity_check (and foreign_key_check) is ok;
//   - every acknowledged (201) incident is present, with what was sent, exactly once;
//   - no partial record: each incident has its report event and its change-feed event, incident_days equals its
//     recomputation from the rows, no stored Idempotency-Key response names a missing incident;
//   - every figure of /api/metrics/summary (over the rollup's whole days and over raw instants) and the township
//     and grid choropleths equal their recomputation from the raw rows (scripts/trust/db-checks.ts);
//   - requests cut off by the kill, retried with their Idempotency-Key, are stored exactly once.
// Then `npm run backup` runs while the stream goes on; the backup is checked the same way, and restored (a
// server started on it) serves counts equal to its rows. Prints a summary; exits 1 on any failure.
// CRASH_KILLS (default 20) and CRASH_RATE (default 500/s) change the run.
import { execFile } from 'node:child_process'
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import Database from 'better-sqlite3'
import { DAY, differs, expectedMetrics, integrity, localDay, partialRows, rawByRegion, rawFigures } from './trust/db-checks'
import { REPO, ensureBuilt, freePort, leaderAuth, startServer } from './trust/server-child'
import type { Child } from './trust/server-child'

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
const dbPath = join(dir, 'onemap.db')

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
      post(url, seq, controller.signal)
        .then(async (res) => { record(seq, res.status, await res.json().catch(() => ({}))); inFlight.delete(seq) })
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

function checkRows(db: Database.Database, where: string, mustHave: Map<number, number>) {
  fail(where, integrity(db))
  fail(where, partialRows(db))
  const rows = db.prepare(`SELECT id, description FROM incidents WHERE description LIKE ?`).all(`crash-${run}-%`) as Array<{ id: number; description: string }>
  const bySeq = new Map<number, number[]>()
  for (const r of rows) {
    const seq = Number(r.description.slice(`crash-${run}-`.length))
    bySeq.set(seq, [...(bySeq.get(seq) ?? []), r.id])
  }
  const missing = [...mustHave].filter(([seq, id]) => !bySeq.get(seq)?.includes(id))
  if (missing.length) fail(where, [`${missing.length} acknowledged incidents are missing (e.g. seq ${missing[0]![0]}, id ${missing[0]![1]})`])
  const doubled = [...bySeq].filter(([, ids]) => ids.length > 1)
  if (doubled.length) fail(where, [`${doubled.length} requests were stored more than once (e.g. seq ${doubled[0]![0]}: ids ${doubled[0]![1].join(', ')})`])
  return rows.length
}

async function checkMetrics(url: string, db: Database.Database, where: string) {
  const today = localDay(Date.now())
  // Whole local days (the summary reads the incident_days rollup for them) and raw instants (it reads rows).
  const periods = [
    { from: localDay(Date.now() - 29 * DAY).start, to: today.start + 2 * DAY, q: `from=${localDay(Date.now() - 29 * DAY).date}&to=${localDay(today.start + 2 * DAY).date}` },
    { from: Date.now() - 3 * 3_600_000, to: Date.now() + DAY, q: '' },
  ]
  periods[1]!.q = `from=${new Date(periods[1]!.from).toISOString()}&to=${new Date(periods[1]!.to).toISOString()}`
  for (const p of periods) {
    const summary = await getJson(`${url}/api/metrics/summary?${p.q}`)
    const expected = expectedMetrics(rawFigures(db, p.from, p.to))
    for (const [metric, value] of Object.entries(expected)) {
      if (differs(summary.metrics[metric], value)) fail(where, [`summary ${metric} (${p.q}) is ${summary.metrics[metric]}, the rows say ${value}`])
    }
    for (const level of ['township', 'grid'] as const) {
      const choro = await getJson(`${url}/api/metrics/choropleth?level=${level}&metric=reports&${p.q}`)
      const raw = rawByRegion(db, level, p.from, p.to)
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

async function main() {
  ensureBuilt()
  const port = await freePort()
  const env = { RATE_LIMIT_INTAKE: 'off' } // one client at 500/s is the point here, not a client to throttle
  const started = Date.now()
  let server: Child = await startServer(port, dbPath, env)
  auth = leaderAuth(dbPath, `crash ${run}`)
  console.log(`crash: server up on ${dbPath} (seeded the demo preset in ${((Date.now() - started) / 1000).toFixed(1)} s); ${KILLS} kills at ${RATE} incidents/s`)
  const moments: number[] = []
  let streamMs = 0
  let streamAcked = 0
  for (let kill = 1; kill <= KILLS; kill++) {
    const s = stream(server.url)
    const ackedBefore = acked.size
    const after = 300 + Math.floor(Math.random() * 2700)
    moments.push(after)
    await sleep(after)
    await server.kill()
    const cut = s.stop()
    const ackRate = Math.round(((acked.size - ackedBefore) / after) * 1000)
    streamMs += after
    streamAcked += acked.size - ackedBefore
    cut.forEach((seq) => inFlightAtKill.add(seq))
    const db = new Database(dbPath) // recovers the WAL the way the restarted server will
    const rows = checkRows(db, `kill ${kill}`, acked)
    db.close()
    server = await startServer(port, dbPath, env)
    const live = new Database(dbPath, { readonly: true })
    await checkMetrics(server.url, live, `after restart ${kill}`)
    live.close()
    await retryCutOff(server.url, cut)
    console.log(`kill ${String(kill).padStart(2)} at ${String(after).padStart(4)} ms: ${s.sent()} sent, ${ackRate}/s acknowledged, ${cut.length} cut off, ${acked.size} acknowledged in all, ${rows} on disk — ${failures.length ? `${failures.length} problems so far` : 'ok'}`)
  }
  const final = new Database(dbPath, { readonly: true })
  checkRows(final, 'after the last retries', acked)
  final.close()

  // ── Online backup while the stream goes on, then a restore ──
  const s = stream(server.url)
  await sleep(1000)
  const before = new Map(acked)
  const backupPath = join(dir, 'backup.db')
  const t0 = Date.now()
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(REPO, 'scripts', 'backup.ts'), backupPath], { cwd: REPO, env: { ...process.env, DB_PATH: dbPath } })
  const backupMs = Date.now() - t0
  await sleep(500)
  await server.stop()
  s.stop()
  const copy = new Database(backupPath, { readonly: true })
  const inBackup = checkRows(copy, 'backup', before)
  copy.close()
  const restoredPath = join(dir, 'restored.db')
  copyFileSync(backupPath, restoredPath)
  const restored = await startServer(await freePort(), restoredPath, env)
  const rdb = new Database(restoredPath, { readonly: true })
  await checkMetrics(restored.url, rdb, 'restored backup')
  const health = await getJson(`${restored.url}/api/health`)
  rdb.close()
  await restored.stop()

  console.log(`backup during writes: ${stdout.trim()} (${backupMs} ms wall); ${before.size} acknowledged before it began, ${inBackup} stream incidents in it; a server restored from it is healthy (${health.status}) and its figures equal its rows`)
  console.log(`\ncrash summary: ${KILLS} SIGKILLs at ${moments.join(', ')} ms into each stream; ${nextSeq} requests sent (offered at ${RATE}/s), ${acked.size} acknowledged (${Math.round(streamAcked / streamMs * 1000)}/s acknowledged during the streams), ${inFlightAtKill.size} cut off and retried; statuses ${JSON.stringify(Object.fromEntries(statuses))}`)
  rmSync(dir, { recursive: true, force: true })
  if (failures.length) {
    console.log(`FAILED: ${failures.length} problems`)
    for (const f of failures.slice(0, 30)) console.log(`  - ${f}`)
    process.exit(1)
  }
  console.log('PASSED: integrity ok, every acknowledged incident present once, no partial rows, every figure equals its recomputation, backup and restore intact')
}

main().catch((err) => { console.error(err); process.exit(1) })
