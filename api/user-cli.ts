// `npm run user -- <command>`: accounts and device tokens on the server's database (DB_PATH, default
// data/onemap.db), for the first administrator and for operators without the admin screen. Passwords are read
// from the terminal without echo (or from the first line of stdin when piped), never from the command line,
// which would leave them in the shell's history and the process list.
//
//   add --login L --name N --role leader|township|grid|department|admin [--township 9-digit] [--grids 14-digit,…]
//       [--department ID]   (a county department account: --role department --department market)
//   passwd --login L          disable --login L          enable --login L          list
//   signout --login L         (ends every session of the user; the server closes their streams within a minute)
//   token --name N --role wall|grid|township|leader|department [--township …] [--grids …] [--department ID]
//                             (prints the secret once)
//   tokens                    revoke --id N
//   totp --login L [--off]    enrol a second factor (prints its otpauth:// URI and 10 recovery codes once), or remove it
//   totp-code --login L       the current code of a demo account (whose key is published), for trying the demo
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { DEPARTMENT_IDS } from '../domain/departments'
import type { Role } from '../domain/roles'
import { ROLE_IDS } from '../domain/roles'
import { accountService } from './auth/accounts'
import { secondFactorService, totpCode } from './auth/second-factor'
import { cliEntry } from './auth/audit'
import { hashPasswordSync } from './auth/secrets'
import { ConfigError, parseTotpKey } from './config'
import { ApiError } from './errors'
import { loadBoundaryTimeline } from './services/boundary-timeline'
import { loadRegions } from './services/regions'
import { DEMO_TOTP_SECRET } from './seed/demo-accounts'
import { openCliStore } from './cli-store'

const USAGE = `usage: npm run user -- add --login L --name N --role ${ROLE_IDS.join('|')} [--township CODE] [--grids CODE,…] [--department ID]
       npm run user -- passwd|disable|enable|signout --login L
       npm run user -- list | tokens
       npm run user -- token --name N --role wall|grid|township|leader|department|intake [--township CODE] [--grids CODE,…] [--department ID]
       (--role intake: an Open311 client's api_key, filing reports in --township or, without it, the county)
       (--department: a county department account's, one of ${DEPARTMENT_IDS.join(', ')})
       npm run user -- revoke --id N
       npm run user -- totp --login L [--off]      (a second factor; administrators must have one)
       npm run user -- totp-code --login L         (the current code of a demo account only)
DB_PATH selects the database (default data/onemap.db); TOTP_KEY must be the server's (openssl rand -hex 32).`

async function readPassword(prompt: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY })
  if (process.stdin.isTTY) {
    process.stdout.write(prompt)
    // Echo nothing while the password is typed.
    ;(rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {}
  }
  const line = await new Promise<string>((resolve) => rl.once('line', resolve).once('close', () => resolve('')))
  rl.close()
  if (process.stdin.isTTY) process.stdout.write('\n')
  return line
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  const { values: o } = parseArgs({
    args: rest, strict: true,
    options: { login: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, township: { type: 'string' }, grids: { type: 'string' }, department: { type: 'string' }, id: { type: 'string' }, off: { type: 'boolean' } },
  })
  const store = await openCliStore()
  // The regions in force, imported boundary versions included: a new grid's code is one an account may be given.
  const regions = (await loadBoundaryTimeline(store, loadRegions())).regionsAt(Date.now())
  const accounts = accountService({ store, now: Date.now, regions })
  // Made when a command needs it, inside the try below: a malformed TOTP_KEY is then a message, not a stack trace.
  const secondFactors = async () => secondFactorService(store, Date.now, parseTotpKey(process.env.TOTP_KEY))
  const audit = (what: string, target: string | null) => store.audit.append(cliEntry(`npm run user -- ${what}`, target))
  const need = (v: string | undefined, name: string) => { if (!v) throw new ApiError(400, 'usage', `--${name} is required\n${USAGE}`); return v }
  const user = async (login: string) => { const u = await store.accounts.userByLogin(login); if (!u) throw new ApiError(404, 'not_found', `no user "${login}"`); return u }
  const scope = () => ({ role: need(o.role, 'role') as Role, township: o.township ?? null, grids: o.grids ? o.grids.split(',') : [], department: o.department ?? null })
  try {
    switch (command) {
      case 'add': {
        const fields = { login: need(o.login, 'login'), name: need(o.name, 'name'), ...scope() }
        const password = await readPassword(`password for ${fields.login} (at least 10 characters): `)
        const u = await accounts.createUserSync({ ...fields, password })
        await audit(`add ${u.login}`, `/api/admin/users/${u.id}`)
        console.log(`created ${u.login} (${u.role}${u.township ? `, ${u.township}` : ''}${u.department ? `, ${u.department}` : ''}), id ${u.id}`)
        break
      }
      case 'passwd': {
        const u = await user(need(o.login, 'login'))
        const password = await readPassword(`new password for ${u.login}: `)
        if (password.length < 10) throw new ApiError(422, 'weak_password', 'the password must have at least 10 characters')
        await store.accounts.setPassword(u.id, hashPasswordSync(password), Date.now())
        await audit(`passwd ${u.login}`, `/api/admin/users/${u.id}`)
        console.log(`password of ${u.login} changed; their sessions are ended`)
        break
      }
      case 'disable': case 'enable': {
        const u = await accounts.setDisabled((await user(need(o.login, 'login'))).id, command === 'disable')
        await audit(`${command} ${u.login}`, `/api/admin/users/${u.id}`)
        console.log(`${u.login} ${command}d`)
        break
      }
      case 'signout': {
        const { user: u, sessionsEnded } = await accounts.endSessions((await user(need(o.login, 'login'))).id)
        await audit(`signout ${u.login}`, `/api/admin/users/${u.id}`)
        // This process cannot reach the server's open streams: its re-check closes them (STREAM_RECHECK_MS).
        console.log(`${u.login} signed out everywhere (${sessionsEnded} sessions ended); their open live feeds close within a minute`)
        break
      }
      case 'list':
        for (const u of await accounts.users()) console.log([u.id, u.login, u.name, u.role, u.township ?? u.department ?? '', u.grids.join(','), u.secondFactor ? 'totp' : '', u.disabled ? 'disabled' : ''].join('\t'))
        break
      case 'token': {
        const { token, secret } = await accounts.createToken({ name: need(o.name, 'name'), ...scope() }, null)
        await audit(`token ${token.name}`, `/api/admin/tokens/${token.id}`)
        console.log(`token ${token.id} "${token.name}" (${token.role}). The secret, shown only now:\n${secret}`)
        if (token.role === 'wall') console.log(`wall URL: http://<host>:<port>/wall?token=${secret}`)
        break
      }
      case 'tokens':
        for (const t of await accounts.tokens()) console.log([t.id, t.name, t.role, t.township ?? t.department ?? '', t.lastUsedAt ?? 'never used', t.revokedAt ? `revoked ${t.revokedAt}` : ''].join('\t'))
        break
      case 'revoke': {
        const t = await accounts.revokeToken(Number(need(o.id, 'id')))
        await audit(`revoke ${t.id}`, `/api/admin/tokens/${t.id}`)
        console.log(`token ${t.id} "${t.name}" revoked; devices using it are signed out`)
        break
      }
      case 'totp': {
        const u = await user(need(o.login, 'login'))
        if (o.off) {
          // An administrator without a factor cannot sign in: replacing it (this command without --off) is the way.
          if (u.role === 'admin') throw new ApiError(409, 'admin_needs_second_factor', `${u.login} is an administrator and must keep a second factor: to replace a lost one, run npm run user -- totp --login ${u.login} (without --off)`)
          await (await secondFactors()).reset(u.id)
          await audit(`totp --off ${u.login}`, `/api/admin/users/${u.id}`)
          console.log(`second factor of ${u.login} removed; they sign in with the password alone; their sessions are ended`)
          break
        }
        const { uri, secret, recoveryCodes } = await (await secondFactors()).enrol(u.id)
        await audit(`totp ${u.login}`, `/api/admin/users/${u.id}`)
        console.log(`second factor of ${u.login} enrolled (any earlier one no longer works; their sessions are ended). Shown only now:`)
        console.log(`\nAdd to an authenticator app (make a QR code of this URI, or type the key):\n${uri}\nkey: ${secret}`)
        console.log(`\nRecovery codes, each good for one sign-in instead of a code; keep them offline:\n${recoveryCodes.join('\n')}`)
        break
      }
      case 'totp-code': {
        const u = await user(need(o.login, 'login'))
        // Only for a key that is public anyway: printing a real account's code here would make the server's shell a
        // second factor of its own.
        if (await (await secondFactors()).secretOf(u.id) !== DEMO_TOTP_SECRET) throw new ApiError(403, 'not_demo', `${u.login} does not have the demo's published key: use its authenticator app`)
        console.log(totpCode(DEMO_TOTP_SECRET, Date.now()))
        break
      }
      default:
        console.error(USAGE)
        return 2
    }
    return 0
  } catch (err) {
    // A role without the scope it needs (or with one it may not have): the message says which; the usage, how.
    if (err instanceof ApiError && err.code === 'invalid_scope') { console.error(`${err.message}\n${USAGE}`); return 1 }
    if (err instanceof ApiError || err instanceof ConfigError) { console.error(err.message); return 1 }
    throw err
  } finally {
    await store.close()
  }
}

process.exitCode = await main(process.argv.slice(2))
