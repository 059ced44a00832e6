// `npm run seed -- --db PATH|URL [--preset demo|taishun-2020] [--incidents N] [--seed N] [--now ISO] [--force]`
// (--db defaults to DATABASE_URL)
import { runSeedCommand } from './seed-command'

process.exitCode = await runSeedCommand(process.argv.slice(2))
