// seedDatabase fills only an empty database and says clearly why it will not.
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { SeedError, seedDatabase } from '../../api/seed/seed'
import { runSeedCommand } from '../../api/seed/seed-command'
import { openDatabase } from '../../api/store/db'
import { NOW, count, seeded } from './helpers'

const run = promisify(execFile)
const repo = join(import.meta.dirname, '..', '..')
const dir = mkdtempSync(join(tmpdir(), 'onemap-seed-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function command(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = []
  const err: string[] = []
  const code = await runSeedCommand(args, { out: (l) => out.push(l), err: (l) => err.push(l) }, {})
  return { code, out: out.join('\n'), err: err.join('\n') }
}

describe('seedDatabase guards', () => {
  it('refuses a database that already holds a preset, naming it', () => {
    const db = seeded({ preset: 'demo', incidents: 200 })
    expect(() => seedDatabase(db, { preset: 'demo', now: NOW })).toThrow(/already seeded with the "demo" preset/)
  })

  it('refuses rows without a preset (an interrupted seed) and bad options, writing nothing', () => {
    const db = openDatabase(':memory:')
    expect(() => seedDatabase(db, { preset: 'taishun-2020', now: NOW, incidents: 10 })).toThrow(/applies to demo only/)
    expect(() => seedDatabase(db, { preset: 'demo', now: NOW, incidents: 0 })).toThrow(SeedError)
    expect(() => seedDatabase(db, { preset: 'demo', now: NOW, seed: -1 })).toThrow(/seed must be/)
    expect(() => seedDatabase(db, { preset: 'taishun-2020', now: Date.parse('2020-12-15T00:00:00+08:00') })).toThrow(/2021-01-01 or later/)
    expect(count(db, 'SELECT count(*) FROM incidents') + count(db, 'SELECT count(*) FROM meta')).toBe(0)
    db.prepare("INSERT INTO flexible_posts (township, posts) VALUES ('330329100', 1)").run()
    expect(() => seedDatabase(db, { preset: 'demo', now: NOW })).toThrow(/interrupted seed/)
  })

  it('restores WAL and synchronous=NORMAL (the server level) on a file database after the load', () => {
    const path = join(dir, 'pragmas.db')
    const db = openDatabase(path)
    seedDatabase(db, { preset: 'demo', now: NOW, incidents: 300 })
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('synchronous', { simple: true })).toBe(1)
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.pragma('foreign_key_check')).toEqual([])
    db.close()
  })
})

describe('npm run seed', () => {
  it('builds a database, prints counts and time, and refuses to overwrite it without --force', async () => {
    const path = join(dir, 'cli.db')
    const first = await command('--preset', 'demo', '--incidents', '1_000', '--db', path, '--seed', '3', '--now', '2026-11-27T15:30:00+08:00')
    expect(first.err).toBe('')
    expect(first.code).toBe(0)
    expect(first.out).toMatch(/incidents\s+1,000/)
    expect(first.out).toMatch(/done in [\d.]+ s; .* is [\d.]+ MB/)
    const again = await command('--db', path)
    expect(again.code).toBe(2)
    expect(again.err).toMatch(/already holds the "demo" preset; pass --force/)
    const forced = await command('--db', path, '--incidents', '500', '--force')
    expect(forced.code).toBe(0)
    expect(forced.out).toMatch(/incidents\s+500/)
  })

  it('explains bad flags', async () => {
    const results = [
      await command('--preset', 'demo'),
      await command('--db', join(dir, 'x.db'), '--preset', 'nope'),
      await command('--db', join(dir, 'x.db'), '--incidents', 'lots'),
      await command('--db', join(dir, 'x.db'), '--frobnicate'),
      await command('--db', join(dir, 'x.db'), '--preset', 'taishun-2020', '--incidents', '5'),
    ]
    expect(results.map((r) => r.code)).toEqual([2, 2, 2, 2, 2])
    expect(results[0]?.err).toMatch(/--db PATH is required/)
    expect(results[1]?.err).toMatch(/--preset "nope" is unknown: use one of demo, taishun-2020/)
    expect(results[2]?.err).toMatch(/--incidents must be a whole number/)
    expect(results[3]?.err).toMatch(/frobnicate/)
    expect(results[4]?.err).toMatch(/applies to demo only/)
  })

  it('is wired as the seed script', async () => {
    const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    expect(pkg.scripts.seed).toBe('node --import tsx api/seed/cli.ts')
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'api/seed/cli.ts', '--help'], { cwd: repo })
    expect(stdout).toMatch(/^usage: npm run seed -- --db PATH/)
  }, 30_000)
})
