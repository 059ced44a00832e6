// The audit log is tamper-evident: every row carries the previous row's hash and its own (SHA-256 over the
// documented encoding), `npm run audit -- verify` walks the chain and names the first row that does not follow,
// rows written before the chain existed are chained once at start, and `npm run audit -- prune` keeps 180 days,
// leaves an anchor the chain continues from and is audited itself.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { auditCommand } from '../../api/audit-commands'
import { openStore } from '../../api/store'
import type { AuditEntry } from '../../api/store/audit'
import { MIGRATIONS } from '../../api/store/migrations'
import { testApp } from '../support/app'
import type { TestApp } from '../support/app'

const DAY = 86_400_000
const REPO = join(import.meta.dirname, '..', '..')
let t: TestApp
beforeEach(async () => { t = await testApp() })
afterEach(async () => await t.close())

type Row = Record<string, unknown> & { id: number; prev_hash: string; hash: string }
/** The documented encoding, written out here independently of api/store/audit-chain.ts. */
const sha = (r: Row) => createHash('sha256').update(JSON.stringify([r.id, r.at, r.actor, r.actor_kind, r.role, r.method, r.path, r.target, r.detail, r.status, r.remote, r.count, r.prev_hash]), 'utf8').digest('hex')
const rows = async (store = t.store) => (await store.sql.all('SELECT * FROM audit_log ORDER BY id')) as Row[]
const entry = (at: number, path = '/api/incidents'): AuditEntry =>
  ({ at, actor: 'leader', actorKind: 'user', role: 'leader', method: 'POST', path, target: null, detail: null, status: 201, remote: '10.0.0.1' })

async function run(argv: string[], now = t.clock.now, store = t.store) {
  const out: string[] = []
  const err: string[] = []
  const code = await auditCommand(argv, store, now, { out: (l) => out.push(l), err: (l) => err.push(l) })
  return { code, out: out.join('\n'), err: err.join('\n') }
}

/** Ten rows, written the way the app writes them. */
async function fill(n = 10) {
  for (let i = 0; i < n; i++) await t.store.audit.append(entry(t.clock.now + i))
}

test('every row carries the previous row\'s hash and SHA-256 of [id, at, actor, actor_kind, role, method, path, target, detail, status, remote, count, prev_hash]', async () => {
  await t.post('/api/incidents', {}, {})
  await fill(3)
  const all = await rows()
  expect(all.length).toBe(4)
  let prev = '0'.repeat(64)
  for (const r of all) {
    expect(r.prev_hash).toBe(prev)
    expect(r.hash).toBe(sha(r))
    prev = r.hash
  }
})

test('verify: an intact chain prints the row count, first and last id and "chain intact", exit 0', async () => {
  await fill()
  const r = await run(['verify'])
  expect(r.code).toBe(0)
  expect(r.out).toContain('10 rows, ids 1–10')
  expect(r.out).toContain(`last row 10, hash ${(await rows()).at(-1)!.hash}`)
  expect(r.out).toMatch(/chain intact$/)
})

describe('verify names the row that was tampered with in SQLite, exit 1', () => {
  for (const [column, value] of [['path', '/api/disputes'], ['status', 403], ['actor', 'someone else']] as const) {
    test(`its ${column} changed`, async () => {
      await fill()
      await t.store.sql.run(`UPDATE audit_log SET ${column} = ? WHERE id = 6`, [value])
      const r = await run(['verify'])
      expect(r.code).toBe(1)
      expect(r.err).toBe('chain broken at row 6: its fields do not match its hash: the row was changed')
      expect(r.out).toBe('10 rows, ids 1–10')
      expect(r.out).not.toContain('chain intact')
    })
  }

  test('a middle row deleted: the row after the gap is named, and the missing id', async () => {
    await fill()
    await t.store.sql.run('DELETE FROM audit_log WHERE id = 5')
    const r = await run(['verify'])
    expect(r.code).toBe(1)
    expect(r.err).toBe('chain broken at row 6: its prev_hash is not the hash of row 4: row 5 is missing')
  })

  test('a row changed and its hash recomputed: the next row no longer follows it', async () => {
    await fill()
    const hash = sha({ ...(await rows())[4]!, path: '/api/forged' })
    await t.store.sql.run('UPDATE audit_log SET path = ?, hash = ? WHERE id = 5', ['/api/forged', hash])
    expect((await run(['verify'])).err).toBe('chain broken at row 6: its prev_hash is not the hash of row 5: a row before it was changed, removed or inserted')
  })

  test('a row appended outside the server, without a hash', async () => {
    await fill(3)
    await t.store.sql.run("INSERT INTO audit_log (id, at, method, path, status) VALUES ((SELECT max(id) + 1 FROM audit_log), 1, 'POST', '/x', 200)")
    expect((await run(['verify'])).err).toBe('chain broken at row 4: it has no hash: it was written outside the server, after the chain began')
  })
})

test('npm run audit -- verify: DB_PATH selects the database; exit 0 when intact, 1 naming the row when not', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'onemap-audit-cli-'))
  const path = join(dir, 'audit.db')
  try {
    const store = await openStore(path)
    for (let i = 0; i < 5; i++) await store.audit.append(entry(Date.now() + i))
    await store.close()
    const cli = () => {
      try {
        return { code: 0, out: execFileSync(process.execPath, ['--import', 'tsx', 'api/audit-cli.ts', 'verify'], { cwd: REPO, env: { ...process.env, DB_PATH: path }, stdio: 'pipe' }).toString() }
      } catch (err) {
        const e = err as { status: number; stdout: Buffer; stderr: Buffer }
        return { code: e.status, out: `${e.stdout.toString()}${e.stderr.toString()}` }
      }
    }
    const intact = cli()
    expect(intact).toMatchObject({ code: 0 })
    expect(intact.out).toContain('5 rows, ids 1–5')
    expect(intact.out).toContain('chain intact')
    const db = new Database(path)
    db.prepare("UPDATE audit_log SET status = 200 WHERE id = 3").run()
    db.close()
    const broken = cli()
    expect(broken.code).toBe(1)
    expect(broken.out).toContain('chain broken at row 3')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test('rows written before the chain existed are chained once, at start, in one go', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'onemap-audit-old-'))
  const path = join(dir, 'old.db')
  try {
    // A database as the previous release left it: schema version 3, audit rows without hashes.
    const old = new Database(path)
    MIGRATIONS.slice(0, 3).forEach((m) => old.exec(m.sqlite))
    old.pragma('user_version = 3')
    const add = old.prepare("INSERT INTO audit_log (at, actor, method, path, status) VALUES (?, 'leader', 'POST', '/api/incidents', 201)")
    for (let i = 0; i < 4; i++) add.run(1_700_000_000_000 + i)
    old.close()

    const store = await openStore(path)
    const chained = await rows(store)
    expect(chained.map((r) => r.count)).toEqual([1, 1, 1, 1])
    expect(chained.every((r) => /^[0-9a-f]{64}$/.test(r.hash))).toBe(true)
    expect(await run(['verify'], Date.now(), store)).toMatchObject({ code: 0 })
    await store.audit.append(entry(1_800_000_000_000))
    await store.close()

    // Opening again changes nothing: the chain is computed once.
    const again = await openStore(path)
    expect((await rows(again)).slice(0, 4)).toEqual(chained)
    expect((await run(['verify'], Date.now(), again)).out).toContain('5 rows, ids 1–5')
    await again.close()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

describe('prune', () => {
  const old = (daysAgo: number) => t.clock.now - daysAgo * DAY

  test('refuses a date less than 180 days ago and removes nothing', async () => {
    await t.store.audit.append(entry(old(400)))
    const r = await run(['prune', '--before', '2026-09-01'])
    expect(r.code).toBe(1)
    // T0 is 2026-11-27 10:00 UTC+8: 180 days before is 2026-05-31.
    expect(r.err).toBe('refusing to prune: 2026-09-01 is less than 180 days ago; audit rows are kept at least 180 days (the latest --before allowed today is 2026-05-31)')
    expect((await rows()).length).toBe(1)
    expect((await run(['prune', '--before', '2026-06-01'])).code).toBe(1)
    expect((await run(['prune', '--before', 'May 1'])).err).toContain('--before YYYY-MM-DD is required')
  })

  test('removes the older rows, says how many, leaves a chain that verifies from the anchor, and is audited', async () => {
    for (const days of [400, 300, 250, 200, 100, 10]) await t.store.audit.append(entry(old(days)))
    const r = await run(['prune', '--before', '2026-05-31'])
    expect(r.code).toBe(0)
    expect(r.out).toBe('removed 4 rows of the audit log written before 2026-05-31 (ids up to 4); the chain now starts after row 4')
    const left = await rows()
    expect(left.map((x) => x.id)).toEqual([5, 6, 7])
    expect(left.at(-1)).toMatchObject({
      actor: expect.stringMatching(/^cli:/), method: 'CLI', path: 'npm run audit -- prune --before 2026-05-31', status: 200, at: t.clock.now,
      detail: "removed 4 rows written before 2026-05-31 (ids up to 4); the chain continues from row 4's hash",
    })
    const v = await run(['verify'])
    expect(v.code).toBe(0)
    expect(v.out).toContain('3 rows, ids 5–7, after the prune anchor (row 4)')

    // The anchor holds the chain's start: removing the first row left is seen.
    await t.store.sql.run('DELETE FROM audit_log WHERE id = 5')
    expect((await run(['verify'])).err).toBe('chain broken at row 6: its prev_hash is not the hash of the prune anchor (row 4): row 5 is missing')
  })

  test('a prune that removes every row still continues the ids and the chain', async () => {
    await t.store.audit.append(entry(old(400)))
    expect((await run(['prune', '--before', '2026-01-01'])).out).toContain('removed 1 row of the audit log')
    expect((await rows()).map((x) => x.id)).toEqual([2])
    expect((await run(['verify'])).code).toBe(0)
    await t.store.audit.append(entry(t.clock.now))
    expect((await run(['verify'])).out).toContain('2 rows, ids 2–3')
  })
})
