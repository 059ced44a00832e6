// The layers nest and tile: townships cover the county, villages their township, grids their village, with no
// gaps or overlaps beyond rounding noise (area within 0.5%, no pairwise overlap above 0.01 km²).
import { booleanPointInPolygon, featureCollection, pointOnFeature, union } from '@turf/turf'
import { describe, expect, it } from 'vitest'
import { groupBy, km2, loadLayers, maxOverlap } from './layers'

const AREA_TOLERANCE = 0.005
const MAX_OVERLAP_KM2 = 0.01

const { county, townships, villages, grids } = loadLayers()
const outline = county.features[0]
if (!outline) throw new Error('county.geojson has no feature')

describe('townships tile the county', () => {
  it('their union covers the outline to within 0.5%', () => {
    const u = union(featureCollection(townships.features))
    expect(u).not.toBeNull()
    const ratio = km2(u ?? outline) / km2(outline)
    expect(Math.abs(ratio - 1)).toBeLessThan(AREA_TOLERANCE)
  })

  it('their areas add up to the outline (so they do not overlap) and no pair overlaps', () => {
    const sum = townships.features.reduce((s, f) => s + km2(f), 0)
    expect(Math.abs(sum / km2(outline) - 1)).toBeLessThan(AREA_TOLERANCE)
    expect(maxOverlap(townships.features).km2).toBeLessThan(MAX_OVERLAP_KM2)
  })

  it('each seat lies in its own township', () => {
    for (const t of townships.features) expect(booleanPointInPolygon(t.properties.seat, t), t.properties.id).toBe(true)
  })
})

describe('villages tile their township', () => {
  const byTownship = groupBy(villages.features, (v) => v.properties.township)

  it.each(townships.features.map((t) => [t.properties.name, t] as const))('%s', (_, t) => {
    const members = byTownship.get(t.properties.id) ?? []
    expect(members.length).toBeGreaterThan(0)
    const sum = members.reduce((s, v) => s + km2(v), 0)
    expect(Math.abs(sum / km2(t) - 1)).toBeLessThan(AREA_TOLERANCE)
    const worst = maxOverlap(members)
    expect(worst.km2, worst.pair).toBeLessThan(MAX_OVERLAP_KM2)
    for (const v of members) {
      expect(booleanPointInPolygon(pointOnFeature(v), t), v.properties.id).toBe(true)
    }
  })

  it('the county seat communities are small and at the town centre', () => {
    const communities = villages.features.filter((v) => v.properties.township === '330329100' && v.properties.kind === '社区')
    expect(communities).toHaveLength(11)
    for (const c of communities) expect(c.properties.area_km2).toBeLessThan(3)
  })
})

describe('grids tile their village', () => {
  it('area sums within 0.5% and no overlaps, village by village', () => {
    const byVillage = groupBy(grids.features, (g) => g.properties.village)
    for (const v of villages.features) {
      const members = byVillage.get(v.properties.id) ?? []
      const sum = members.reduce((s, g) => s + km2(g), 0)
      expect(Math.abs(sum / km2(v) - 1), v.properties.id).toBeLessThan(AREA_TOLERANCE)
      const worst = maxOverlap(members)
      expect(worst.km2, worst.pair).toBeLessThan(MAX_OVERLAP_KM2)
    }
  })
})
