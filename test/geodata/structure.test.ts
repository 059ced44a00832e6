// The published layers: counts, ids, properties, coordinate precision, RFC 7946 winding, valid rings.
import { booleanClockwise, kinks } from '@turf/turf'
import { describe, expect, it } from 'vitest'
import { groupBy, loadLayers, rings } from './layers'
import type { Areal } from './layers'

const { county, townships, villages, grids } = loadLayers()
const allLayers = { county, townships, villages, grids }

describe('counts and ids', () => {
  it('has 1 county, 19 townships (12 镇 + 7 乡, no nature reserve), 289 villages', () => {
    expect(county.features).toHaveLength(1)
    expect(county.features[0]?.properties.id).toBe('330329')
    expect(townships.features).toHaveLength(19)
    expect(townships.features.filter((f) => f.properties.kind === '镇')).toHaveLength(12)
    expect(townships.features.filter((f) => f.properties.kind === '乡')).toHaveLength(7)
    expect(townships.features.map((f) => f.properties.id)).not.toContain('330329400')
    expect(villages.features).toHaveLength(289)
    expect(villages.features.filter((f) => f.properties.kind === '社区')).toHaveLength(17)
  })

  it('has 600–800 grids, 1–4 per village, 3–4 per community of 罗阳镇', () => {
    expect(grids.features.length).toBeGreaterThanOrEqual(600)
    expect(grids.features.length).toBeLessThanOrEqual(800)
    const byVillage = groupBy(grids.features, (g) => g.properties.village)
    for (const v of villages.features) {
      const n = byVillage.get(v.properties.id)?.length ?? 0
      expect(n, v.properties.id).toBeGreaterThanOrEqual(v.properties.kind === '社区' && v.properties.township === '330329100' ? 3 : 1)
      expect(n, v.properties.id).toBeLessThanOrEqual(4)
    }
    expect([...byVillage.keys()].every((id) => villages.features.some((v) => v.properties.id === id))).toBe(true)
  })

  it.each(Object.entries(allLayers))('%s: ids are unique, sorted, equal to feature.id, with the right shape', (name, layer) => {
    const ids = layer.features.map((f) => f.properties.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect([...ids].sort()).toEqual(ids)
    for (const f of layer.features) expect(f.id).toBe(f.properties.id)
    const pattern = { county: /^330329$/, townships: /^330329\d{3}$/, villages: /^330329\d{6}$/, grids: /^330329\d{6}0[1-4]$/ }[name]
    for (const id of ids) expect(id).toMatch(pattern ?? /^$/)
  })

  it('prefixes: village ids start with their township, grid ids with their village', () => {
    const townshipIds = new Set(townships.features.map((f) => f.properties.id))
    for (const v of villages.features) {
      expect(townshipIds.has(v.properties.township)).toBe(true)
      expect(v.properties.id.startsWith(v.properties.township)).toBe(true)
    }
    const villageTownship = new Map(villages.features.map((v) => [v.properties.id, v.properties.township]))
    for (const g of grids.features) {
      expect(g.properties.id.slice(0, 12)).toBe(g.properties.village)
      expect(villageTownship.get(g.properties.village)).toBe(g.properties.township)
    }
  })
})

describe('properties', () => {
  it('county and townships', () => {
    const c = county.features[0]?.properties
    expect(c).toMatchObject({ name: '泰顺县', level: 'county' })
    expect(c?.source).toContain('taishun_330329_outline_wgs84.geojson')
    expect(c?.area_km2).toBeGreaterThan(1700)
    const luoyang = townships.features.find((f) => f.properties.id === '330329100')?.properties
    expect(luoyang).toMatchObject({ name: '罗阳镇', kind: '镇', indicative: true })
    for (const t of townships.features) {
      expect(t.properties.seat).toHaveLength(2)
      expect(Math.round(t.properties.area_km2 * 100) / 100).toBe(t.properties.area_km2)
    }
  })

  it('villages: names from the NBS list, kinds, 飞云湖居委会 counts as a community', () => {
    const fly = villages.features.find((f) => f.properties.nbsName === '飞云湖居委会')?.properties
    expect(fly).toMatchObject({ kind: '社区', township: '330329102', indicative: true })
    for (const v of villages.features) {
      expect(v.properties.kind === '村' ? v.properties.name.endsWith('村') : true).toBe(true)
      expect(v.properties.area_km2).toBeGreaterThan(0)
    }
  })

  it('grids: synthetic staff, 11-digit phones, households adding up to about 100,000', () => {
    const phones = new Set<string>()
    let households = 0
    for (const g of grids.features) {
      const p = g.properties
      expect(p.name).toMatch(/第[1-4]网格$/)
      expect(p.synthetic && p.indicative).toBe(true)
      expect(Number.isInteger(p.households) && p.households > 0).toBe(true)
      households += p.households
      for (const person of [p.gridHead, p.gridWorker]) {
        expect(person.name).toMatch(/^\p{Script=Han}{2,3}$/u)
        expect(person.phone).toMatch(/^1[358]\d{9}$/)
        phones.add(person.phone)
      }
      expect(p.gridHead.name).not.toBe(p.gridWorker.name)
    }
    expect(phones.size).toBe(grids.features.length * 2)
    expect(households).toBeGreaterThan(95_000)
    expect(households).toBeLessThan(105_000)
  })

  it('communities are denser than villages', () => {
    const density = (kind: string) => {
      const vs = villages.features.filter((v) => v.properties.kind === kind)
      const ids = new Set(vs.map((v) => v.properties.id))
      const hh = grids.features.filter((g) => ids.has(g.properties.village)).reduce((s, g) => s + g.properties.households, 0)
      return hh / vs.reduce((s, v) => s + v.properties.area_km2, 0)
    }
    expect(density('社区')).toBeGreaterThan(5 * density('村'))
  })
})

describe('geometry encoding', () => {
  it.each(Object.entries(allLayers))('%s: Polygon/MultiPolygon, 6-decimal coordinates, RFC 7946 winding, no kinks', (_, layer) => {
    for (const f of layer.features) {
      const g = f.geometry as Areal
      expect(['Polygon', 'MultiPolygon']).toContain(g.type)
      for (const { ring, exterior } of rings(g)) {
        expect(ring.length, f.properties.id).toBeGreaterThanOrEqual(4)
        expect(ring[0]).toEqual(ring[ring.length - 1])
        for (const [x, y] of ring as [number, number][]) {
          expect(Math.round(x * 1e6) / 1e6).toBe(x)
          expect(Math.round(y * 1e6) / 1e6).toBe(y)
        }
        for (let i = 1; i < ring.length; i++) expect(ring[i], f.properties.id).not.toEqual(ring[i - 1])
        // Exterior rings counter-clockwise, holes clockwise.
        expect(booleanClockwise(ring), f.properties.id).toBe(!exterior)
      }
      expect(kinks(f).features, f.properties.id).toHaveLength(0)
    }
  })
})
