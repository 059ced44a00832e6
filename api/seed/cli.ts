// `npm run seed -- --db PATH [--preset demo|taishun-2020] [--incidents N] [--seed N] [--now ISO] [--force]`
import { runSeedCommand } from './seed-command'

process.exitCode = runSeedCommand(process.argv.slice(2))
