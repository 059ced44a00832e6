// The small building blocks of the geodata build: seeded PRNG, projection, geometry cleaning, household split.
import { booleanClockwise } from '@turf/turf'
import type { Polygon } from 'geojson'
import { describe, expect, it } from 'vitest'
import { cleanAreal } from '../../geodata/scripts/clean-geometry'
import { splitHouseholds } from '../../geodata/scripts/households'
import { createRng, hashString } from '../../geodata/scripts/prng'
import { createLocalProjection } from '../../geodata/scripts/projection'

describe('prng', () => {
  it('gives the same stream for the same key and a different one for another key', () => {
    const a = createRng('villages:330329100')
    const b = createRng('villages:330329100')
    const c = createRng('villages:330329101')
    const xs = Array.from({ length: 5 }, () => a.next())
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs)
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs)
    expect(hashString('abc')).toBe(0x1a47e90b) // FNV-1a reference value
  })

  it('int() stays within its inclusive bounds', () => {
    const r = createRng('bounds')
    const seen = new Set(Array.from({ length: 500 }, () => r.int(1, 4)))
    expect([...seen].sort()).toEqual([1, 2, 3, 4])
  })
})

describe('projection', () => {
  it('round-trips to far below the 6-decimal rounding and is isotropic at the centre', () => {
    const p = createLocalProjection([119.93, 27.55])
    const q = p.inverse(p.forward([120.1, 27.4]))
    expect(Math.abs((q[0] ?? 0) - 120.1)).toBeLessThan(1e-12)
    expect(Math.abs((q[1] ?? 0) - 27.4)).toBeLessThan(1e-12)
    // 1 km east and 1 km north are both ~1 unit.
    const east = p.forward([119.93 + 1 / (111.195 * Math.cos((27.55 * Math.PI) / 180)), 27.55])
    expect(east[0]).toBeCloseTo(1, 3)
    expect(p.forward([119.93, 27.55 + 1 / 111.195])[1]).toBeCloseTo(1, 3)
  })
})

describe('cleanAreal', () => {
  it('rounds to 6 decimals, drops duplicates and spikes, and winds the exterior counter-clockwise', () => {
    const clockwise: Polygon = {
      type: 'Polygon',
      coordinates: [[
        [120, 27], [120.0000001, 27.0000002], [120, 27.01], [120.005, 27.02], [120, 27.01],
        [120.01, 27.01], [120.01, 27], [120, 27],
      ]],
    }
    const g = cleanAreal(clockwise)
    expect(g.type).toBe('Polygon')
    const ring = (g as Polygon).coordinates[0] ?? []
    expect(ring).toHaveLength(5)
    expect(booleanClockwise(ring)).toBe(false)
    expect(ring.flat().every((v) => Math.round(v * 1e6) / 1e6 === v)).toBe(true)
  })

  it('drops sliver parts but never the whole cell', () => {
    const big = [[[120, 27], [120.01, 27], [120.01, 27.01], [120, 27.01], [120, 27]]]
    const sliver = [[[121, 27], [121.00001, 27], [121.00001, 27.00001], [121, 27]]] // ~0.6 m²
    expect(cleanAreal({ type: 'MultiPolygon', coordinates: [sliver, big] }).type).toBe('Polygon')
    expect(cleanAreal({ type: 'Polygon', coordinates: sliver }).type).toBe('Polygon')
  })
})

describe('splitHouseholds', () => {
  it('adds up exactly and follows the weights', () => {
    const parts = splitHouseholds(1001, [1, 1, 2])
    expect(parts.reduce((a, b) => a + b, 0)).toBe(1001)
    expect(parts).toEqual([250, 250, 501])
  })
})
