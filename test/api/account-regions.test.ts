// An account's or token's township and grids must be areas in the region tables, not just well-formed codes:
// over the admin API and through `npm run user`, with the same message, and nothing stored when refused.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DEFAULT_TRUST } from '../../api/config'
import { openStore } from '../../api/store'
import { testApp } from '../support/app'
import type { TestApp } from '../support/app'
import { GRIDS } from '../support/fixtures'
import { REPO } from '../support/server'

const LUOYANG = '330329100'
const NO_TOWNSHIP = '330329999'
const NO_GRID = '33032910000500' // well formed, starts with 罗阳镇's code, but no such grid
const PASSWORD = 'correct-horse-battery'

describe('admin API', () => {
  let t: TestApp
  let admin: string
  beforeAll(async () => {
    t = await testApp(undefined, { trust: { ...DEFAULT_TRUST, loginRate: null, intakeRate: null } })
    admin = await t.adminSession('root', PASSWORD)
  })
  afterAll(async () => await t.close())
  const adminPost = (path: string, body: unknown) => t.post(path, body, { Cookie: admin }, null)
  const stored = async () => ({ users: await t.count('users'), tokens: await t.count('api_tokens') })

  test('a township that does not exist is 422 unknown_region, naming the code and where the codes are listed', async () => {
    const before = await stored()
    const user = await adminPost('/api/admin/users', { login: 'ghost', name: '乡镇干部', role: 'township', township: NO_TOWNSHIP, password: PASSWORD })
    expect(user.status).toBe(422)
    expect(user.body.error).toEqual({
      code: 'unknown_region',
      message: `township "${NO_TOWNSHIP}" is not a known township code: use one of the ids listed by GET /api/regions/townships (e.g. 330329100)`,
    })
    const wall = await adminPost('/api/admin/tokens', { name: '大屏', role: 'wall', township: NO_TOWNSHIP })
    expect(wall.status).toBe(422)
    expect(wall.body.error.code).toBe('unknown_region')
    expect(wall.body.error.message).toContain(NO_TOWNSHIP)
    expect(await stored()).toEqual(before)
  })

  test('a grid that does not exist is 422 unknown_region, pointing at the township\'s grid list', async () => {
    const before = await stored()
    const user = await adminPost('/api/admin/users', { login: 'ghostgrid', name: '网格员', role: 'grid', township: LUOYANG, grids: [GRIDS.luoyangA, NO_GRID], password: PASSWORD })
    expect(user.status).toBe(422)
    expect(user.body.error).toEqual({
      code: 'unknown_region',
      message: `grid "${NO_GRID}" is not a known grid code: use one of the ids listed by GET /api/regions/grids?township=${LUOYANG}`,
    })
    const token = await adminPost('/api/admin/tokens', { name: '网格终端', role: 'grid', township: LUOYANG, grids: [NO_GRID] })
    expect(token.status).toBe(422)
    expect(token.body.error.code).toBe('unknown_region')
    expect(await stored()).toEqual(before)
  })

  test('a grid of another township is 422 with a message; real areas are accepted', async () => {
    const foreign = await adminPost('/api/admin/users', { login: 'foreign', name: '网格员', role: 'grid', township: LUOYANG, grids: [GRIDS.siqian], password: PASSWORD })
    expect(foreign.status).toBe(422)
    expect(foreign.body.error.message).toMatch(new RegExp(`${GRIDS.siqian}.*township ${LUOYANG}`))
    const ok = await adminPost('/api/admin/users', { login: 'real', name: '网格员', role: 'grid', township: LUOYANG, grids: [GRIDS.luoyangA, GRIDS.luoyangB], password: PASSWORD })
    expect(ok.status).toBe(201)
    expect((await adminPost('/api/admin/tokens', { name: '罗阳镇大屏', role: 'wall', township: LUOYANG })).status).toBe(201)
    expect((await adminPost('/api/admin/tokens', { name: '县大屏', role: 'wall' })).status).toBe(201)
  })
})

describe('npm run user', () => {
  let dir: string
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'onemap-cli-')) })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const dbPath = () => join(dir, 'cli.db')
  const run = (args: string[], input = '') => spawnSync(process.execPath, ['--import', 'tsx', join(REPO, 'api', 'user-cli.ts'), ...args], {
    cwd: REPO, env: { ...process.env, DB_PATH: dbPath() }, input, encoding: 'utf8',
  })
  const rows = async (table: string) => {
    const store = await openStore(dbPath())
    try { return ((await store.sql.get(`SELECT count(*) AS n FROM ${table}`)) as { n: number }).n } finally { await store.close() }
  }

  test('add and token refuse unknown areas with the API\'s message and a non-zero exit; real ones are created', async () => {
    const add = run(['add', '--login', 'ghost', '--name', '干部', '--role', 'township', '--township', NO_TOWNSHIP], `${PASSWORD}\n`)
    expect(add.status).not.toBe(0)
    expect(add.stderr).toContain(`township "${NO_TOWNSHIP}" is not a known township code: use one of the ids listed by GET /api/regions/townships`)
    const token = run(['token', '--name', '网格终端', '--role', 'grid', '--township', LUOYANG, '--grids', NO_GRID])
    expect(token.status).not.toBe(0)
    expect(token.stderr).toContain(`grid "${NO_GRID}" is not a known grid code: use one of the ids listed by GET /api/regions/grids?township=${LUOYANG}`)
    expect(await rows('users')).toBe(0)
    expect(await rows('api_tokens')).toBe(0)
    const ok = run(['add', '--login', 'wang', '--name', '王五', '--role', 'township', '--township', LUOYANG], `${PASSWORD}\n`)
    expect(ok.status, ok.stderr).toBe(0)
    expect(await rows('users')).toBe(1)
  })
})
