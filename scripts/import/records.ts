// npm run import -- records --kind incidents|disputes|sites --file F.csv|.xlsx [--map col=field,…] [--crs …] [--dry-run]
// (api/import/records/command.ts; docs/import.md).
import { openCliStore } from '../../api/cli-store'
import { recordsCommand } from '../../api/import/records/command'
import { loadBoundaryTimeline } from '../../api/services/boundary-timeline'
import { loadRegions } from '../../api/services/regions'

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help')) return (await recordsCommand(args, { store: null as never, locatorAt: null as never, now: 0, io: { out: console.log, err: console.error } })).code
  const store = await openCliStore()
  try {
    // Each record is placed by the boundaries in force at its own time: one locator when no version was
    // imported, else a light one per record over the timeline.
    const timeline = await loadBoundaryTimeline(store, loadRegions())
    const fixed = timeline.versioned ? null : timeline.locator(Date.now)
    const locatorAt = (t: number) => fixed ?? timeline.locator(() => t)
    const { code } = await recordsCommand(args, { store, locatorAt, now: Date.now(), io: { out: console.log, err: console.error }, progress: true })
    return code
  } finally {
    await store.close()
  }
}
