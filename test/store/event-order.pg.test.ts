// The change feed's one promise to a reader that resumes "after id N": nothing with an id below N appears later.
// Writers in two stores (two pools, as two API processes would be) append events in transactions that stay open
// a random while after their append, so without the feed's lock a later id would often commit first; a reader
// polls meanwhile and resumes after the last id it saw. It must end up with every event, each once, in id order.
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { openStore } from '../../api/store'
import type { Store } from '../../api/store'
import { freshStorePlace } from '../support/engine'
import type { StorePlace } from '../support/engine'

const WRITERS = 24
const EACH = 5

let place: StorePlace
let a: Store
let b: Store
beforeAll(async () => {
  place = await freshStorePlace('postgres')
  a = await openStore(place.location)
  b = await openStore(place.location)
})
afterAll(async () => {
  await a.close()
  await b.close()
  await place.drop()
})

test('concurrent writers in two processes: a reader resuming after the last id it saw misses nothing', async () => {
  const seen: number[] = []
  let writing = true
  const reader = (async () => {
    while (writing || seen.length < WRITERS * EACH) {
      const page = await a.events.after(seen.at(-1) ?? 0, 1000)
      seen.push(...page.map((e) => e.id))
      if (!writing && page.length === 0) break
      await sleep(1)
    }
  })()
  const writer = async (store: Store, w: number) => {
    for (let i = 0; i < EACH; i++) {
      await store.transaction(async () => {
        await store.events.append(Date.now(), 'incident.updated', w * 100 + i, '330329100', { w, i })
        // Still in flight: the commit comes later, sometimes after a writer that appended after it.
        await sleep(Math.floor(Math.random() * 8))
      })
    }
  }
  await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w % 2 ? a : b, w)))
  writing = false
  await reader
  const all = (await a.events.after(0, 10_000)).map((e) => e.id)
  expect(all).toHaveLength(WRITERS * EACH)
  expect(seen).toEqual(all)
}, 60_000)
