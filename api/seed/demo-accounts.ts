// The demo's accounts: one per role (a county department: one per department), with fixed passwords listed in the README, and a fixed wall display
// token so the start banner can print the wall's URL on every start (only hashes are stored, so a random token
// could be printed once only). They are demo credentials: the server says so whenever it creates or finds them.
// Production turns them off (DEMO_ACCOUNTS=0) and creates the first administrator with `npm run user -- add`.
import { DEPARTMENTS } from '../../domain/departments'
import type { AccountService } from '../auth/accounts'
import type { SecondFactorService } from '../auth/second-factor'
import { sha256 } from '../auth/secrets'
import type { Store } from '../store'

export const DEMO_PASSWORD_NOTE = 'DEMO CREDENTIALS — anyone who has read the README can sign in: set DEMO_ACCOUNTS=0 and create real accounts before real data goes in'

export const DEMO_USERS = [
  { login: 'leader', password: 'taishun-leader-demo', name: '演示·县领导', role: 'leader' },
  { login: 'luoyang', password: 'taishun-luoyang-demo', name: '演示·罗阳镇干部', role: 'township', township: '330329100' },
  { login: 'grid', password: 'taishun-grid-demo', name: '演示·新北社区第1网格网格员', role: 'grid', township: '330329100', grids: ['33032910000501'] },
  { login: 'admin', password: 'taishun-admin-demo', name: '演示·系统管理员', role: 'admin' },
] as const

/** One county department account per department: dept-market signs in with taishun-dept-market-demo, and so on. */
export const DEMO_DEPARTMENT_USERS = DEPARTMENTS.map((d) => ({
  login: `dept-${d.id}`, password: `taishun-dept-${d.id}-demo`, name: `演示·${d.shortName}`, role: 'department' as const, department: d.id,
}))

/**
 * The demo administrator's TOTP key (base32), published like its password: administrators must sign in with a
 * second factor, so the demo's needs a code anyone can compute (`oathtool --totp -b <key>`, an authenticator
 * app, or `npm run user -- totp-code --login admin`). Never use it for a real account.
 */
export const DEMO_TOTP_SECRET = 'TAISHUNDEMOADMINSECONDFACTOR2345'

export const DEMO_WALL_TOKEN = 'omt_demo-wall-taishun-county-0001'
export const DEMO_WALL_NAME = '演示·指挥中心大屏'

/** Creates the demo accounts in a database that has no account yet; true when it did. */
export async function seedDemoAccounts(store: Store, accounts: AccountService, secondFactors: SecondFactorService): Promise<boolean> {
  if (await store.accounts.userCount() > 0) return false
  await store.transaction(async () => {
    for (const u of [...DEMO_USERS, ...DEMO_DEPARTMENT_USERS]) {
      const user = await accounts.createDemoUser({ ...u, grids: 'grids' in u ? u.grids : [] })
      if (user.role === 'admin') await secondFactors.enrolPublished(user.id, DEMO_TOTP_SECRET)
    }
    await accounts.createToken({ name: DEMO_WALL_NAME, role: 'wall' }, null, DEMO_WALL_TOKEN)
  })
  return true
}

/** Whether the demo wall token is present and not revoked (the banner prints the wall URL only then). */
export async function demoWallLive(store: Store): Promise<boolean> {
  const t = await store.accounts.tokenByHash(sha256(DEMO_WALL_TOKEN))
  return t !== null && t.revokedAt === null
}
