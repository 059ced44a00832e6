// npm run import -- records --kind incidents|disputes|sites --file F.csv|.xlsx [--map col=field,…] [--crs …] [--dry-run]
// (api/import/records/command.ts; docs/import.md).
import { openCliStore } from '../../api/cli-store'
import { recordsCommand } from '../../api/import/records/command'
import { createLocator } from '../../api/services/locator'
import { loadRegions } from '../../api/services/regions'

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help')) return (await recordsCommand(args, { store: null as never, locator: null as never, now: 0, io: { out: console.log, err: console.error } })).code
  const store = await openCliStore()
  try {
    const locator = createLocator(loadRegions().grids)
    const { code } = await recordsCommand(args, { store, locator, now: Date.now(), io: { out: console.log, err: console.error }, progress: true })
    return code
  } finally {
    await store.close()
  }
}
