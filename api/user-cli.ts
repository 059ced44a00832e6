// `npm run user -- <command>`: accounts and device tokens on the server's database (DB_PATH, default
// data/onemap.db), for the first administrator and for operators without the admin screen. Passwords are read
// from the terminal without echo (or from the first line of stdin when piped), never from the command line,
// which would leave them in the shell's history and the process list.
//
//   add --login L --name N --role leader|township|grid|admin [--township 9-digit] [--grids 14-digit,…]
//   passwd --login L          disable --login L          enable --login L          list
//   token --name N --role wall|grid|township|leader [--township …] [--grids …]   (prints the secret once)
//   tokens                    revoke --id N
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import type { Role } from '../domain/roles'
import { ROLE_IDS } from '../domain/roles'
import { accountService } from './auth/accounts'
import { cliEntry } from './auth/audit'
import { hashPasswordSync } from './auth/secrets'
import { ApiError } from './errors'
import { openStore } from './store'

const USAGE = `usage: npm run user -- add --login L --name N --role ${ROLE_IDS.join('|')} [--township CODE] [--grids CODE,…]
       npm run user -- passwd|disable|enable --login L
       npm run user -- list | tokens
       npm run user -- token --name N --role wall|grid|township|leader [--township CODE] [--grids CODE,…]
       npm run user -- revoke --id N
DB_PATH selects the database (default data/onemap.db).`

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
    options: { login: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, township: { type: 'string' }, grids: { type: 'string' }, id: { type: 'string' } },
  })
  const store = openStore(process.env.DB_PATH || 'data/onemap.db')
  const accounts = accountService(store, Date.now)
  const audit = (what: string, target: string | null) => store.audit.append(cliEntry(`npm run user -- ${what}`, target))
  const need = (v: string | undefined, name: string) => { if (!v) throw new ApiError(400, 'usage', `--${name} is required\n${USAGE}`); return v }
  const user = (login: string) => { const u = store.accounts.userByLogin(login); if (!u) throw new ApiError(404, 'not_found', `no user "${login}"`); return u }
  const scope = () => ({ role: need(o.role, 'role') as Role, township: o.township ?? null, grids: o.grids ? o.grids.split(',') : [] })
  try {
    switch (command) {
      case 'add': {
        const fields = { login: need(o.login, 'login'), name: need(o.name, 'name'), ...scope() }
        const password = await readPassword(`password for ${fields.login} (at least 10 characters): `)
        const u = accounts.createUserSync({ ...fields, password })
        audit(`add ${u.login}`, `/api/admin/users/${u.id}`)
        console.log(`created ${u.login} (${u.role}${u.township ? `, ${u.township}` : ''}), id ${u.id}`)
        break
      }
      case 'passwd': {
        const u = user(need(o.login, 'login'))
        const password = await readPassword(`new password for ${u.login}: `)
        if (password.length < 10) throw new ApiError(422, 'weak_password', 'the password must have at least 10 characters')
        store.accounts.setPassword(u.id, hashPasswordSync(password), Date.now())
        audit(`passwd ${u.login}`, `/api/admin/users/${u.id}`)
        console.log(`password of ${u.login} changed; their sessions are ended`)
        break
      }
      case 'disable': case 'enable': {
        const u = accounts.setDisabled(user(need(o.login, 'login')).id, command === 'disable')
        audit(`${command} ${u.login}`, `/api/admin/users/${u.id}`)
        console.log(`${u.login} ${command}d`)
        break
      }
      case 'list':
        for (const u of accounts.users()) console.log([u.id, u.login, u.name, u.role, u.township ?? '', u.grids.join(','), u.disabled ? 'disabled' : ''].join('\t'))
        break
      case 'token': {
        const { token, secret } = accounts.createToken({ name: need(o.name, 'name'), ...scope() }, null)
        audit(`token ${token.name}`, `/api/admin/tokens/${token.id}`)
        console.log(`token ${token.id} "${token.name}" (${token.role}). The secret, shown only now:\n${secret}`)
        if (token.role === 'wall') console.log(`wall URL: http://<host>:<port>/wall?token=${secret}`)
        break
      }
      case 'tokens':
        for (const t of accounts.tokens()) console.log([t.id, t.name, t.role, t.township ?? '', t.lastUsedAt ?? 'never used', t.revokedAt ? `revoked ${t.revokedAt}` : ''].join('\t'))
        break
      case 'revoke': {
        const t = accounts.revokeToken(Number(need(o.id, 'id')))
        audit(`revoke ${t.id}`, `/api/admin/tokens/${t.id}`)
        console.log(`token ${t.id} "${t.name}" revoked; devices using it are signed out`)
        break
      }
      default:
        console.error(USAGE)
        return 2
    }
    return 0
  } catch (err) {
    if (err instanceof ApiError) { console.error(err.message); return 1 }
    throw err
  } finally {
    store.close()
  }
}

process.exitCode = await main(process.argv.slice(2))
