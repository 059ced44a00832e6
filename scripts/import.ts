// npm run import -- <command> …: a county's own data into the product, each run with a report (docs/import.md).
//   boundaries  township, village or grid polygons (GeoJSON, zipped Shapefile, GeoPackage) as a new version
//   records     incidents, disputes or sites from CSV or XLSX, re-runnable by an external id
//   undo BATCH  removes what a records run added and restores what it changed
// Each command is its own module; this file only chooses one, so `--help` of each stays next to its code.
const COMMANDS = {
  boundaries: () => import('./import/boundaries'),
  records: () => import('./import/records'),
  undo: () => import('./import/undo'),
} as const

type Command = keyof typeof COMMANDS
const isCommand = (s: string | undefined): s is Command => s !== undefined && Object.hasOwn(COMMANDS, s)

const [command, ...args] = process.argv.slice(2)
if (!isCommand(command)) {
  console.error(`usage: npm run import -- ${Object.keys(COMMANDS).join('|')} …  (npm run import -- <command> --help)`)
  process.exit(2)
}
const { run } = await COMMANDS[command]()
process.exitCode = await run(args)
export {}
