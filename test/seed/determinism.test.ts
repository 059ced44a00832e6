import { describe, expect, it } from 'vitest'
import { NOW, seeded, tableHash, tables } from './helpers'

const hashes = (db: ReturnType<typeof seeded>) => Object.fromEntries(tables(db).map((t) => [t, tableHash(db, t)]))

describe('seeding is deterministic', () => {
  it('the same demo preset, seed and now give identical tables; another seed does not', () => {
    const a = hashes(seeded({ preset: 'demo', incidents: 1500, seed: 7 }))
    const b = hashes(seeded({ preset: 'demo', incidents: 1500, seed: 7 }))
    expect(b).toEqual(a)
    const c = hashes(seeded({ preset: 'demo', incidents: 1500, seed: 8 }))
    expect(c.incidents).not.toBe(a.incidents)
    expect(c.disputes).not.toBe(a.disputes)
  })

  it('committing in batches with the journal off (the million-row path) writes the same tables', () => {
    const atomic = seeded({ preset: 'demo', incidents: 1000, load: 'atomic' })
    const batched = seeded({ preset: 'demo', incidents: 1000, load: 'batched' })
    expect(hashes(batched)).toEqual(hashes(atomic))
  })

  it('the taishun-2020 preset is identical run to run', () => {
    expect(hashes(seeded({ preset: 'taishun-2020' }))).toEqual(hashes(seeded({ preset: 'taishun-2020' })))
  })

  it('a different now moves the demo with it', () => {
    const a = seeded({ preset: 'demo', incidents: 500, seed: 1 })
    const b = seeded({ preset: 'demo', incidents: 500, seed: 1, now: NOW + 86_400_000 })
    expect(tableHash(b, 'incidents')).not.toBe(tableHash(a, 'incidents'))
  })
})
