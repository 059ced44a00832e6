// A throw-away PostgreSQL 15 + PostGIS cluster for a developer or a benchmark (scripts/pg-cluster.ts): on
// 127.0.0.1, in a temporary directory that is removed when it stops. Every database in it has PostGIS and citext.
//
//   npm run -s pg -- start [--port N] [--fast] [--dir D]
//     Prints the URL (postgres://postgres@127.0.0.1:PORT/postgres), alone, on stdout; runs until Ctrl-C or SIGTERM,
//     then stops the server and removes its directory. In a script, take the first line and leave it running:
//       exec 3< <(node --import tsx scripts/pg-cluster-cli.ts start)   # node itself, not npm: kill must reach it
//       pg=$!
//       export DATABASE_URL=$(head -n1 <&3)
//       …
//       kill $pg                                                      # stops the server, removes its directory
//     With --port the URL is known beforehand: DATABASE_URL=postgres://postgres@127.0.0.1:N/postgres.
//
//   npm run -s pg -- run [--port N] [--fast] -- <command> [args…]
//     Runs the command with DATABASE_URL set to the cluster, stops the cluster when the command ends and exits
//     with the command's code: `npm run -s pg -- run -- npm start`.
//
// --fast turns off fsync, synchronous commit and autovacuum and puts the cluster in /dev/shm when it has room (a
// crash loses the data): for tests and throw-away benchmarks only.
import { spawn } from 'node:child_process'
import { constants } from 'node:os'
import { parseArgs } from 'node:util'
import { startCluster } from './pg-cluster'
import type { Cluster } from './pg-cluster'

const USAGE = 'usage: pg-cluster-cli.ts start [--port N] [--fast] [--dir D]\n' +
  '       pg-cluster-cli.ts run [--port N] [--fast] [--dir D] -- <command> [args…]'

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { port: { type: 'string' }, fast: { type: 'boolean' }, dir: { type: 'string' } },
})
const [verb, ...command] = positionals
const port = values.port === undefined ? undefined : Number(values.port)
if ((verb !== 'start' && verb !== 'run') || (verb === 'run') !== command.length > 0 ||
  (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536))) {
  console.error(USAGE)
  process.exit(2)
}

let cluster: Cluster
try {
  cluster = await startCluster({ port, fast: values.fast, dir: values.dir, log: (line) => console.error(line) })
} catch (error) {
  console.error((error as Error).message)
  process.exit(1)
}
const stopThenExit = (code: number) => () => {
  cluster.stop().then(() => process.exit(code), (error: Error) => {
    console.error(`stopping the cluster failed: ${error.message}`)
    process.exit(1)
  })
}

if (verb === 'start') {
  console.log(cluster.url)
  console.error('PostgreSQL runs until Ctrl-C.')
  // The cluster module stops the server on these signals too; this only makes the ending a clean exit 0.
  process.once('SIGINT', stopThenExit(0))
  process.once('SIGTERM', stopThenExit(0))
  setInterval(() => {}, 1 << 30)
} else {
  const child = spawn(command[0]!, command.slice(1), { stdio: 'inherit', env: { ...process.env, DATABASE_URL: cluster.url } })
  // On Ctrl-C the cluster module stops the server at once; this process waits for the command (which the terminal
  // sent the same Ctrl-C) and passes on its exit code. A SIGTERM is passed on to the command.
  process.on('SIGINT', () => {})
  process.on('SIGTERM', () => child.kill('SIGTERM'))
  child.on('error', (error) => {
    console.error(`${command[0]}: ${error.message}`)
    stopThenExit(127)()
  })
  child.on('exit', (code, signal) => stopThenExit(code ?? 128 + (signal ? constants.signals[signal] : 0))())
}
