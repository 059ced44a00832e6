// County department accounts: made through the admin API, `npm run user` and the demo seed, each bound to one
// department; one without a department, with an unknown one, or a department on another role is refused with the
// fix named, and nothing is stored.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DEFAULT_TRUST } from '../../api/config'
import { DEMO_DEPARTMENT_USERS, seedDemoAccounts } from '../../api/seed/demo-accounts'
import { openStore } from '../../api/store'
import { DEPARTMENTS, DEPARTMENT_IDS } from '../../domain/departments'
import { testApp } from '../support/app'
import type { TestApp } from '../support/app'
import { REPO } from '../support/server'

const PASSWORD = 'correct-horse-battery'
const NEEDS = `a county department account needs its department, one of: ${DEPARTMENT_IDS.join(', ')}`

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

  test('a department account is created with its department, signs in as it, and sees no area and no figure', async () => {
    const created = await adminPost('/api/admin/users', { login: 'sjj', name: '市场监管局', role: 'department', department: 'market', password: PASSWORD })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    expect(created.body.user).toMatchObject({ login: 'sjj', role: 'department', department: 'market', township: null, grids: [] })
    const token = await adminPost('/api/admin/tokens', { name: '水利局终端', role: 'department', department: 'water' })
    expect(token.status, JSON.stringify(token.body)).toBe(201)
    expect(token.body.token).toMatchObject({ role: 'department', department: 'water' })
    const login = await t.post('/api/auth/login', { login: 'sjj', password: PASSWORD }, {}, null)
    expect(login.status).toBe(200)
    expect(login.body.user).toMatchObject({ role: 'department', department: 'market', township: null, grids: [], home: null, metrics: [] })
    expect(login.body.user.roleName).toEqual({ name: '县级部门', nameEn: 'County department' })
    // Every other account says it has no department.
    const users = (await t.json('/api/admin/users', { headers: { Cookie: admin } }, null)).body.users as { login: string; department: string | null }[]
    expect(users.find((u) => u.login === 'root')!.department).toBeNull()
  })

  test('without a department, with an unknown one, with an area, or a department on another role: 422 naming the fix, nothing stored', async () => {
    const before = await stored()
    const cases: [Record<string, unknown>, string, RegExp | string][] = [
      [{ role: 'department' }, 'invalid_scope', NEEDS],
      [{ role: 'department', department: null }, 'invalid_scope', NEEDS],
      [{ role: 'department', department: 'forestry' }, 'invalid', `department: one of ${DEPARTMENT_IDS.join(', ')}`],
      [{ role: 'department', department: 'market', township: '330329100' }, 'invalid_scope', /leave the township and grids out/],
      [{ role: 'township', township: '330329100', department: 'market' }, 'invalid_scope', 'only county department accounts (role department) have a department (role township): leave the department out'],
      [{ role: 'leader', department: 'market' }, 'invalid_scope', /leave the department out/],
    ]
    for (const [fields, code, message] of cases) {
      for (const [path, body] of [
        ['/api/admin/users', { login: 'bad', name: '部门', password: PASSWORD, ...fields }],
        ['/api/admin/tokens', { name: '部门终端', ...fields }],
      ] as const) {
        const res = await adminPost(path, body)
        expect(res.status, `${path} ${JSON.stringify(fields)}`).toBe(422)
        expect(res.body.error.code, JSON.stringify(res.body)).toBe(code)
        expect(res.body.error.message).toEqual(typeof message === 'string' ? expect.stringContaining(message) : expect.stringMatching(message))
      }
    }
    expect(await stored()).toEqual(before)
  })

  test('the demo seed makes one account per department, dept-<id>, which signs in with its published password', async () => {
    const fresh = await testApp()
    try {
      expect(await seedDemoAccounts(fresh.store, fresh.accounts, fresh.secondFactors)).toBe(true)
      const users = await fresh.accounts.users()
      const departments = users.filter((u) => u.role === 'department')
      expect(departments.map((u) => [u.login, u.name, u.department])).toEqual(
        DEPARTMENTS.map((d) => [`dept-${d.id}`, `演示·${d.shortName}`, d.id]))
      expect(DEMO_DEPARTMENT_USERS.find((u) => u.login === 'dept-market')!.password).toBe('taishun-dept-market-demo')
      const login = await fresh.post('/api/auth/login', { login: 'dept-natural-resources', password: 'taishun-dept-natural-resources-demo' }, {}, null)
      expect(login.status, JSON.stringify(login.body)).toBe(200)
      expect(login.body.user).toMatchObject({ role: 'department', department: 'natural-resources', name: '演示·自然资源' })
      expect((await fresh.post('/api/auth/login', { login: 'dept-market', password: 'taishun-dept-water-demo' }, {}, null)).status).toBe(401)
    } finally {
      await fresh.close()
    }
  })
})

describe('npm run user', () => {
  let dir: string
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'onemap-cli-dept-')) })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const dbPath = () => join(dir, 'cli.db')
  const run = (args: string[], input = '') => spawnSync(process.execPath, ['--import', 'tsx', join(REPO, 'api', 'user-cli.ts'), ...args], {
    cwd: REPO, env: { ...process.env, DB_PATH: dbPath() }, input, encoding: 'utf8',
  })

  test('add --role department --department market creates the account; without a department the exit names the flag and the ids', async () => {
    const missing = run(['add', '--login', 'sjj', '--name', '市场监管局', '--role', 'department'], `${PASSWORD}\n`)
    expect(missing.status).not.toBe(0)
    expect(missing.stderr).toContain(NEEDS)
    expect(missing.stderr).toContain('[--department ID]')
    const ok = run(['add', '--login', 'sjj', '--name', '市场监管局', '--role', 'department', '--department', 'market'], `${PASSWORD}\n`)
    expect(ok.status, ok.stderr).toBe(0)
    expect(ok.stdout).toContain('created sjj (department, market)')
    const store = await openStore(dbPath())
    try {
      const users = await store.accounts.users()
      expect(users.map((u) => [u.login, u.role, u.department])).toEqual([['sjj', 'department', 'market']])
    } finally {
      await store.close()
    }
  })
})
