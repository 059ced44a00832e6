// A Vite plugin: the dev server (`npm run dev`) writes web/src/api/schema.d.ts as it starts (scripts/api-types.ts),
// so an editor sees the API's types. A build does not need them (the bundle strips types; `npm run typecheck` writes
// them before it checks), nor does vitest. In a child process: loading the API's document into Vite's config would
// pull api/ and domain/ through Vite's config loader.
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { Plugin } from 'vite'

const script = fileURLToPath(new URL('./api-types.ts', import.meta.url))

export function apiTypes(): Plugin {
  return {
    name: 'onemap-api-types',
    apply: (_config, env) => env.command === 'serve' && env.mode !== 'test',
    buildStart() {
      // Beside the server's start, not before it: a failure is reported and the server keeps serving.
      execFile(process.execPath, ['--import', 'tsx', script], (err, _out, stderr) => {
        if (err) console.error(`scripts/api-types.ts failed: ${stderr || err.message}`)
      })
    },
  }
}
