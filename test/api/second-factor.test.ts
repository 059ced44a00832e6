// The second factor (TOTP, RFC 6238, and recovery codes): required for administrators, optional for other people;
// a code is good for one sign-in; secrets at rest are sealed or hashed; enrolment on the server by `npm run user`.
// Codes are computed here with otpauth from the key, independently of the server's own use of it.
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { Secret, TOTP, URI } from 'otpauth'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createApp } from '../../api/app'
import { DEFAULT_TRUST } from '../../api/config'
import { DEMO_TOTP_SECRET } from '../../api/seed/demo-accounts'
import { loadRegions } from '../../api/services/regions'
import { openStore } from '../../api/store'
import { T0, testApp } from '../support/app'
import type { TestApp } from '../support/app'
import { REPO } from '../support/server'
import { sessionCookieOf } from '../support/session-cookie'

const PASSWORD = 'correct-horse-battery'
const STEP = 30_000
const codeAt = (secret: string, at: number) => TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30, timestamp: at })

let t: TestApp
beforeAll(async () => {
  // Many sign-ins from one address: the sign-in budget is off here except in the test that is about it.
  t = await testApp(undefined, { trust: { ...DEFAULT_TRUST, loginRate: null } })
  await t.accounts.createUserSync({ login: 'bare-admin', name: '管理员', role: 'admin', password: PASSWORD })
  await t.admin('root', PASSWORD)
  await t.accounts.createUserSync({ login: 'chief', name: '县领导', role: 'leader', password: PASSWORD })
})
afterAll(async () => await t.close())

const login = (body: Record<string, string>) => t.post('/api/auth/login', { password: PASSWORD, ...body }, {}, null)
const signedIn = (res: { headers: Headers }) => sessionCookieOf(res) !== null

test('an administrator without a second factor cannot sign in: 403 saying how to enrol on the server', async () => {
  const res = await login({ login: 'bare-admin' })
  expect(res.status).toBe(403)
  expect(res.body.error.code).toBe('second_factor_enrolment_required')
  expect(res.body.error.message).toContain('npm run user -- totp --login bare-admin')
  expect(signedIn(res)).toBe(false)
  // A code does not help: there is nothing to check it against.
  expect((await login({ login: 'bare-admin', otp: '123456' })).status).toBe(403)
})

test('an administrator with a factor: no code 401, a wrong one 401, the right one 200, the same one again 401', async () => {
  const none = await login({ login: 'root' })
  expect([none.status, none.body.error.code, signedIn(none)]).toEqual([401, 'second_factor_required', false])
  // The password still comes first: a wrong one says nothing about the second factor.
  const wrongPassword = await login({ login: 'root', password: 'not-the-password' })
  expect(wrongPassword.body.error.code).toBe('invalid_credentials')

  t.clock.now += STEP
  const right = codeAt(DEMO_TOTP_SECRET, t.clock.now)
  const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0')
  const bad = await login({ login: 'root', otp: wrong })
  expect([bad.status, bad.body.error.code, signedIn(bad)]).toEqual([401, 'invalid_second_factor', false])
  const ok = await login({ login: 'root', otp: right })
  expect(ok.status).toBe(200)
  expect(signedIn(ok)).toBe(true)
  expect(ok.body.user).toMatchObject({ login: 'root', role: 'admin' })
  const replay = await login({ login: 'root', otp: right })
  expect([replay.status, replay.body.error.code, signedIn(replay)]).toEqual([401, 'invalid_second_factor', false])
  // Nor is the previous step's code good any more, though it is inside the ±1 step tolerance.
  expect((await login({ login: 'root', otp: codeAt(DEMO_TOTP_SECRET, t.clock.now - STEP) })).status).toBe(401)
})

test('clock drift: a code one step ahead or behind is accepted, two steps is not', async () => {
  t.clock.now += 10 * STEP
  const now = t.clock.now
  expect((await login({ login: 'root', otp: codeAt(DEMO_TOTP_SECRET, now - 2 * STEP) })).status).toBe(401)
  expect((await login({ login: 'root', otp: codeAt(DEMO_TOTP_SECRET, now - STEP) })).status).toBe(200)
  expect((await login({ login: 'root', otp: codeAt(DEMO_TOTP_SECRET, now + 2 * STEP) })).status).toBe(401)
  expect((await login({ login: 'root', otp: codeAt(DEMO_TOTP_SECRET, now + STEP) })).status).toBe(200)
  // Step now+1 was accepted: the current step's code is now older than the last one used.
  expect((await login({ login: 'root', otp: codeAt(DEMO_TOTP_SECRET, now) })).status).toBe(401)
})

test('a leader without a factor signs in with the password; once enrolled, only with a code or a recovery code, each once', async () => {
  expect((await login({ login: 'chief' })).status).toBe(200)
  const id = (await t.store.accounts.userByLogin('chief'))!.id
  const { secret, recoveryCodes, uri } = await t.secondFactors.enrol(id)
  expect(recoveryCodes).toHaveLength(10)
  expect(new Set(recoveryCodes).size).toBe(10)
  expect(URI.parse(uri)).toMatchObject({ label: 'chief', issuer: '泰顺一张图' })

  // Stored sealed and hashed: the database holds neither the key nor a recovery code.
  const stored = JSON.stringify([(await t.store.sql.all('SELECT * FROM second_factors')), (await t.store.sql.all('SELECT * FROM recovery_codes'))])
  expect(stored).not.toContain(secret)
  for (const code of recoveryCodes) expect(stored).not.toContain(code.replaceAll('-', ''))
  expect(stored).not.toMatch(new RegExp(recoveryCodes[0]!.replaceAll('-', '').toUpperCase()))

  expect((await login({ login: 'chief' })).body.error.code).toBe('second_factor_required')
  t.clock.now += STEP
  expect((await login({ login: 'chief', otp: codeAt(secret, t.clock.now) })).status).toBe(200)

  const first = await login({ login: 'chief', recoveryCode: recoveryCodes[3]! })
  expect(first.status).toBe(200)
  expect(signedIn(first)).toBe(true)
  const again = await login({ login: 'chief', recoveryCode: recoveryCodes[3]! })
  expect([again.status, again.body.error.code]).toEqual([401, 'invalid_second_factor'])
  // Typed by hand: case, spaces and dashes do not matter.
  expect((await login({ login: 'chief', recoveryCode: ` ${recoveryCodes[4]!.toUpperCase().replaceAll('-', ' ')} ` })).status).toBe(200)
  expect((await login({ login: 'chief', recoveryCode: 'aaaa-bbbb-cccc-dddd' })).status).toBe(401)
  // Another user's recovery code is not one of theirs.
  expect((await login({ login: 'root', recoveryCode: recoveryCodes[5]! })).status).toBe(401)
})

test('a malformed code is a 422 about the body, and a code and a recovery code together are refused', async () => {
  const short = await login({ login: 'root', otp: '12345' })
  expect([short.status, short.body.error.code]).toEqual([422, 'invalid'])
  expect(short.body.error.message).toMatch(/otp/)
  const both = await login({ login: 'root', otp: '123456', recoveryCode: 'aaaa-bbbb-cccc-dddd' })
  expect(both.status).toBe(422)
  expect(both.body.error.message).toMatch(/either otp or recoveryCode/)
})

test('a sealed key does not open under another TOTP_KEY: 503 that says what to do, not a 500', async () => {
  const other = await createApp({ regions: loadRegions(), store: t.store, now: () => t.clock.now, totpKey: randomBytes(32), trust: { ...DEFAULT_TRUST, loginRate: null } })
  const res = await other.app.request('/api/auth/login', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login: 'root', password: PASSWORD, otp: '123456' }),
  })
  expect(res.status).toBe(503)
  const body = await res.json() as { error: { code: string; message: string } }
  expect(body.error.code).toBe('second_factor_unreadable')
  expect(body.error.message).toMatch(/TOTP_KEY/)
})

test('wrong codes spend the sign-in budget like wrong passwords', async () => {
  const limited = await testApp(undefined, { trust: { ...DEFAULT_TRUST, loginRate: { limit: 3, windowSeconds: 60 } } })
  try {
    await limited.admin('root', PASSWORD)
    for (let i = 0; i < 3; i++) {
      expect((await limited.post('/api/auth/login', { login: 'root', password: PASSWORD, otp: '000000' }, {}, null)).status).not.toBe(200)
    }
    const res = await limited.post('/api/auth/login', { login: 'root', password: PASSWORD, otp: limited.otp() }, {}, null)
    expect(res.status).toBe(429)
  } finally {
    await limited.close()
  }
})

test("an administrator resets another user's factor over the API (not their own); the user's sessions end", async () => {
  t.clock.now += 3 * STEP // past the steps the tests above used
  const admin = sessionCookieOf(await login({ login: 'root', otp: t.otp() }))!
  const reset = (id: number) => t.json(`/api/admin/users/${id}/totp/reset`, { method: 'POST', headers: { Cookie: admin, 'Content-Type': 'application/json' } }, null)
  const { id } = await t.accounts.createUserSync({ login: 'deputy', name: '副县长', role: 'leader', password: PASSWORD })
  await t.secondFactors.enrol(id)
  t.clock.now += STEP
  const session = await login({ login: 'deputy', otp: codeAt((await t.secondFactors.secretOf(id))!, t.clock.now) })
  const deputy = sessionCookieOf(session)!

  // The account list tells an administrator who signs in with a second factor.
  const listed = async () => (await t.json('/api/admin/users', { headers: { Cookie: admin } }, null)).body.users as { login: string; secondFactor: boolean }[]
  expect((await listed()).find((u) => u.login === 'deputy')?.secondFactor).toBe(true)
  const res = await reset(id)
  expect(res.status).toBe(200)
  expect(res.body.user).toMatchObject({ login: 'deputy', secondFactor: false })
  expect((await listed()).find((u) => u.login === 'deputy')?.secondFactor).toBe(false)
  expect(res.body.note).toMatch(/password alone/)
  expect((await t.json('/api/auth/me', { headers: { Cookie: deputy } }, null)).status).toBe(401)
  expect((await login({ login: 'deputy' })).status).toBe(200)
  expect(await t.count('recovery_codes')).toBe(10) // chief's; deputy's went with the factor

  expect((await reset(id)).body.error.code).toBe('no_second_factor')
  const self = await reset((await t.store.accounts.userByLogin('root'))!.id)
  expect([self.status, self.body.error.code]).toEqual([409, 'self_reset'])
  expect((await reset(999_999)).status).toBe(404)
})

const run = promisify(execFile)
async function userCli(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', join(REPO, 'api', 'user-cli.ts'), ...args], { cwd: REPO, env: { ...process.env, ...env } })
    return { code: 0, stdout, stderr }
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

test('npm run user -- totp prints an otpauth:// URI and 10 recovery codes once; they sign the administrator in', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'onemap-totp-'))
  const dbPath = join(dir, 'cli.db')
  const key = randomBytes(32).toString('hex')
  try {
    const setup = await openStore(dbPath)
    const onemap = await createApp({ regions: loadRegions(), store: setup, now: () => T0 })
    await onemap.accounts.createUserSync({ login: 'boss', name: '管理员', role: 'admin', password: PASSWORD })
    await onemap.accounts.createUserSync({ login: 'demo', name: '演示', role: 'admin', password: PASSWORD })
    await onemap.secondFactors.enrolPublished((await onemap.accounts.users()).find((u) => u.login === 'demo')!.id, DEMO_TOTP_SECRET)
    await setup.close()

    // Refusals first (they write nothing, so they run side by side): no TOTP_KEY, an administrator's --off, the
    // code of an account whose key is not the demo's; the demo's code is printed.
    const [noKey, off, notDemo, demoCode] = await Promise.all([
      userCli(['totp', '--login', 'boss'], { DB_PATH: dbPath, TOTP_KEY: '' }),
      userCli(['totp', '--login', 'boss', '--off'], { DB_PATH: dbPath, TOTP_KEY: key }),
      userCli(['totp-code', '--login', 'boss'], { DB_PATH: dbPath, TOTP_KEY: key }),
      userCli(['totp-code', '--login', 'demo'], { DB_PATH: dbPath }),
    ])
    expect(noKey.code).toBe(1)
    expect(noKey.stderr).toMatch(/TOTP_KEY is not set.*openssl rand -hex 32/)
    expect(off.code).toBe(1)
    expect(off.stderr).toMatch(/administrator and must keep a second factor/)
    expect(notDemo.code).toBe(1)
    expect(demoCode.stdout.trim()).toMatch(/^\d{6}$/)

    const out = await userCli(['totp', '--login', 'boss'], { DB_PATH: dbPath, TOTP_KEY: key })
    expect(out.code, out.stderr).toBe(0)
    const totp = URI.parse(/otpauth:\/\/\S+/.exec(out.stdout)![0])
    expect(totp).toBeInstanceOf(TOTP)
    expect(totp).toMatchObject({ issuer: '泰顺一张图', label: 'boss', algorithm: 'SHA1', digits: 6, period: 30 })
    const recovery = out.stdout.match(/^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/gm)!
    expect(recovery).toHaveLength(10)

    const store = await openStore(dbPath)
    try {
      expect(JSON.stringify((await store.sql.all('SELECT * FROM second_factors')))).not.toContain(totp.secret.base32)
      const clock = { now: T0 }
      const { app } = await createApp({ regions: loadRegions(), store, now: () => clock.now, totpKey: Buffer.from(key, 'hex') })
      const signIn = (extra: object) => app.request('/api/auth/login', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login: 'boss', password: PASSWORD, ...extra }),
      })
      expect((await signIn({ otp: totp.generate({ timestamp: clock.now }) })).status).toBe(200)
      expect((await signIn({ recoveryCode: recovery[0] })).status).toBe(200)
      expect((await signIn({ recoveryCode: recovery[0] })).status).toBe(401)
    } finally {
      await store.close()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}, 60_000)
