// npm run import -- undo BATCH [--partial] | --list (api/import/undo-command.ts; docs/import.md).
import { openCliStore } from '../../api/cli-store'
import { undoCommand } from '../../api/import/undo-command'

export async function run(args: string[]): Promise<number> {
  const store = await openCliStore()
  try {
    return (await undoCommand(args, { store, now: Date.now(), io: { out: console.log, err: console.error } })).code
  } finally {
    await store.close()
  }
}
