// The county view's first idle (target ≤ 3,000 ms), two builds side by side: the county view to its first idle with this checkout's dist/web and with
// another checkout's (say a `git worktree` of the commit before a change), loads alternating in one browser (A B,
// then B A, …) so both see the same machine. On a shared 2-core machine the same build's idle swings by a second
// between runs minutes apart; within one alternating run the two medians can be compared, and better still the
// rounds: each round's two loads ran a minute apart at most, so the median of the per-round differences follows
// the change more closely than the difference of the medians when the machine's speed drifts during the run.
//
//   git worktree add --detach /tmp/before <commit> && ln -s "$PWD/node_modules" /tmp/before/node_modules
//   (cd /tmp/before && npx vite build) && npm run build
//   node --import tsx bench/county-ab.ts /tmp/before        (COUNTY_AB_ROUNDS, default 8 loads each)
//
// Each side runs its own server (its checkout's api/ and dist/web, demo preset) and signs in the demo leader.
import { existsSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join, resolve } from 'node:path'
import { closePages, launchBrowser } from '../test/support/browser'
import type { RunningServer } from '../test/support/server'
import { openCounty } from './county-idle'
import { REPO } from './paths'
import { median } from './stats'

const other = process.argv[2]
if (!other || !existsSync(join(other, 'dist', 'web', 'index.html'))) {
  throw new Error('usage: node --import tsx bench/county-ab.ts <another checkout, built (its dist/web/index.html exists)>')
}
const rounds = Number(process.env.COUNTY_AB_ROUNDS ?? 8)
if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`COUNTY_AB_ROUNDS="${process.env.COUNTY_AB_ROUNDS}": use a whole number ≥ 1`)

/** Each checkout's own test support starts its own server, so each side serves its own build and API. */
async function side(repo: string) {
  const support = await import(join(resolve(repo), 'test', 'support', 'server.ts')) as typeof import('../test/support/server')
  const server: RunningServer = await support.startServer({ PRESET: 'demo' })
  return { name: repo, server, cookie: await support.signIn(server.url, 'leader'), idle: [] as number[], cpu: [] as number[] }
}

const sides = [await side(other), await side(REPO)]
const browser = await launchBrowser()
try {
  console.log(`county view to first idle, two builds alternating, ${rounds} loads each (load average ${loadavg()[0]!.toFixed(1)})`)
  for (let r = 0; r < rounds; r++) {
    for (const s of r % 2 ? [...sides].reverse() : sides) {
      const { idle, cpuSeconds, consoleErrors } = await openCounty(browser, s.server.url, s.cookie)
      s.idle.push(idle)
      s.cpu.push(cpuSeconds)
      if (consoleErrors.length) throw new Error(`${s.name}: console errors: ${consoleErrors.join('; ')}`)
      await closePages()
    }
  }
  for (const s of sides) {
    console.log(`${s.name}: median idle ${Math.round(median(s.idle))} ms, ${median(s.cpu).toFixed(2)} browser CPU-s (loads: ${s.idle.map(Math.round).join(', ')} ms)`)
  }
  console.log(`this checkout ÷ the other: ${(median(sides[1]!.idle) / median(sides[0]!.idle)).toFixed(2)} (load average ${loadavg()[0]!.toFixed(1)})`)
  const [before, after] = sides as [typeof sides[0], typeof sides[0]]
  const paired = (pick: (s: typeof before) => number[]) => median(pick(after).map((v, i) => v - pick(before)[i]!))
  const faster = after.idle.filter((v, i) => v < before.idle[i]!).length
  console.log(`per round, this checkout − the other: median ${Math.round(paired((s) => s.idle))} ms idle, ${paired((s) => s.cpu).toFixed(2)} browser CPU-s; sooner in ${faster} of ${rounds} rounds`)
} finally {
  await browser.close()
  for (const s of sides) await s.server.stop()
}
