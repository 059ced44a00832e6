// Kill -9 one replica of a running cluster (`npm run cluster -- start`) under load through HAProxy, and print how
// long it was out of rotation, restarting and answering again, and how many requests failed meanwhile:
//   node --import tsx bench/cluster-failover.ts [--dir data/cluster] [--replica api2] [--rounds 3] [--clients 4]
//     [--path /api/metrics/summary --login leader]
// Not part of `npm run bench`: it needs a cluster running (PostgreSQL, HAProxy).
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { killAndWatch } from '../scripts/cluster/failover'
import { readState } from '../scripts/cluster/state'
import { DEMO_USERS } from '../api/seed/demo-accounts'

const { values } = parseArgs({
  options: {
    dir: { type: 'string' }, replica: { type: 'string' }, rounds: { type: 'string' }, clients: { type: 'string' },
    path: { type: 'string' }, login: { type: 'string' },
  },
})
const dir = resolve(values.dir ?? join(import.meta.dirname, '..', 'data', 'cluster'))
const name = values.replica ?? 'api2'
const state = readState(dir)
if (!state?.serving || !state.url) throw new Error(`no cluster serving from ${dir}: npm run cluster -- start --detach`)
const replica = state.replicas.find((r) => r.name === name)
if (!replica) throw new Error(`no replica ${name} (the cluster has ${state.replicas.map((r) => r.name).join(', ')})`)

const headers: Record<string, string> = {}
if (values.login) {
  const user = DEMO_USERS.find((u) => u.login === values.login)
  if (!user || user.role === 'admin') throw new Error('--login takes a demo account without a second factor (leader, luoyang, grid)')
  const res = await fetch(`${state.url}/api/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login: user.login, password: user.password }),
  })
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
  if (res.status !== 200 || !cookie) throw new Error(`signing in as ${user.login}: HTTP ${res.status}`)
  headers.Cookie = cookie
}

for (let round = 1; round <= Number(values.rounds ?? 1); round++) {
  const figures = await killAndWatch({
    url: state.url, socket: join(dir, 'haproxy.sock'), name, port: replica.port,
    pid: () => readState(dir)?.replicas.find((r) => r.name === name)?.pid ?? undefined,
  }, { clients: Number(values.clients ?? 4), path: values.path, headers })
  console.log(`round ${round}: ${name} pid ${figures.killedPid} killed; out of rotation after ${figures.outOfRotationMs} ms, ` +
    `new pid ${figures.newPid} after ${figures.restartedMs} ms, answering after ${figures.answersMs} ms, ` +
    `back in rotation after ${figures.backInRotationMs} ms; ${figures.failed} of ${figures.requests} requests failed ` +
    `(${figures.failedAfterKill} begun after the kill)` +
    (figures.failures.length ? ` (${figures.failures.join('; ')})` : ''))
}
