// Township labels laid out so that none covers another (web/src/map/label-layout.ts). The boxes are worked out here
// the way MapLibre draws an anchored, offset label, independently of the layout's own arithmetic.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { bbox } from '@turf/turf'
import type { Feature, MultiPolygon, Polygon } from 'geojson'
import { describe, expect, test } from 'vitest'
import { labelPoint } from '../../api/services/label-point'
import { LINE_HEIGHT, layoutLabels, lineWidthEm } from '../../web/src/map/label-layout'
import type { LabelItem, LabelPlacement } from '../../web/src/map/label-layout'

type Box = [number, number, number, number]

/** The box MapLibre draws a label in: the anchor names the side of the box that sits at the (offset) point. */
function drawnBox(at: readonly [number, number], p: LabelPlacement, size: number): Box {
  const lines = p.text.split('\n')
  const w = Math.max(...lines.map(lineWidthEm)) * size
  const h = lines.length * LINE_HEIGHT * size
  const fx = p.anchor.includes('left') ? 0 : p.anchor.includes('right') ? 1 : 0.5
  const fy = p.anchor.startsWith('top') ? 0 : p.anchor.startsWith('bottom') ? 1 : 0.5
  const x = at[0] + p.offset[0] * size - fx * w
  const y = at[1] + p.offset[1] * size - fy * h
  return [x, y, x + w, y + h]
}

const overlapping = (a: Box, b: Box) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]

function overlaps(items: readonly LabelItem[], layout: Map<string, LabelPlacement>, size: number): string[] {
  const boxes = items.map((i) => [i.id, drawnBox(i.at, layout.get(i.id)!, size)] as const)
  const out: string[] = []
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    if (overlapping(boxes[i]![1], boxes[j]![1])) out.push(`${boxes[i]![0]}/${boxes[j]![0]}`)
  }
  return out
}

describe('label layout', () => {
  test('labels with room stay centred on their points, name and figure', () => {
    const items: LabelItem[] = [
      { id: 'a', at: [100, 100], lines: ['罗阳镇', '2,816'] },
      { id: 'b', at: [300, 100], lines: ['雅阳镇', '264'] },
    ]
    const layout = layoutLabels(items, 14)
    expect([...layout.values()]).toEqual([
      { anchor: 'center', offset: [0, 0], text: '罗阳镇\n2,816' },
      { anchor: 'center', offset: [0, 0], text: '雅阳镇\n264' },
    ])
  })

  test('a label that would cover another moves to a free side of its point', () => {
    const items: LabelItem[] = [
      { id: 'a', at: [100, 100], lines: ['东溪乡', '78'] },
      { id: 'b', at: [130, 100], lines: ['泗溪镇', '271'] },
    ]
    const layout = layoutLabels(items, 21)
    expect(layout.get('a')!.anchor).toBe('center')
    // Close beside it, the label would still touch the first; a step further out to the right, it is clear.
    expect(layout.get('b')).toEqual({ anchor: 'left', offset: [1.25, 0], text: '泗溪镇\n271' })
    expect(overlaps(items, layout, 21)).toEqual([])
  })

  test('with no side free the figure goes; with no room even for the name, the label stays centred over the others', () => {
    // Two long labels 36 px apart at 10 px text: room between them for one line, not for two, and on no side.
    const long = ['某'.repeat(40)]
    const items: LabelItem[] = [
      { id: 'above', at: [200, 182], lines: long },
      { id: 'below', at: [200, 218], lines: long },
      { id: 'named', at: [200, 200], lines: ['凤垟', '134'] },
      { id: 'last', at: [200, 200], lines: ['柳峰乡', '70'] },
    ]
    const layout = layoutLabels(items, 10)
    expect(layout.get('named')).toEqual({ anchor: 'center', offset: [0, 0], text: '凤垟' })
    expect(layout.get('last')).toEqual({ anchor: 'center', offset: [0, 0], text: '柳峰乡\n70' })
    expect(overlaps(items.slice(0, 3), layout, 10)).toEqual([])
  })

  test('widths: Han characters are an em, digits and Latin letters narrower', () => {
    expect(lineWidthEm('罗阳镇')).toBe(3)
    expect(lineWidthEm('2,816')).toBeCloseTo(3)
    expect(lineWidthEm('Luoyang')).toBeCloseTo(4.2)
  })
})

test('Taishun on the wall at 1920×1080: all 19 townships keep name and figure and none covers another', () => {
  // The wall frames the county ~700 px wide with 21 px labels (wall/use-wall-map.ts); the leader's map ~800 px with 14.
  const read = (name: string) => JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'geodata', `${name}.geojson`), 'utf8'))
  const county = read('county').features[0] as Feature<Polygon | MultiPolygon>
  const townships = (read('townships').features as Feature<Polygon | MultiPolygon, { id: string; name: string; area_km2: number }>[])
    .sort((a, b) => a.properties.area_km2 - b.properties.area_km2)
  const [west, , east] = bbox(county)
  for (const [widthPx, size] of [[700, 21], [800, 14]] as const) {
    const worldPx = widthPx / ((east - west) / 360)
    const project = ([lng, lat]: number[]): [number, number] =>
      [(lng! + 180) / 360 * worldPx, (1 - Math.log(Math.tan(Math.PI / 4 + lat! * Math.PI / 360)) / Math.PI) / 2 * worldPx]
    // Figures as wide as the demo's largest: four digits.
    const items = townships.map((t) => ({ id: t.properties.name, at: project(labelPoint(t)), lines: [t.properties.name, '2,816'] }))
    const layout = layoutLabels(items, size)
    expect(overlaps(items, layout, size), `${widthPx} px, ${size} px text`).toEqual([])
    expect([...layout.values()].filter((p) => !p.text.includes('\n')).length, `${widthPx} px: labels without a figure`).toBe(0)
  }
})
