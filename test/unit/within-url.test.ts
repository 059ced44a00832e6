// The selection in the page's URL (web/src/stores/view-state.ts, web/src/selection/within-param.ts): a link
// reproduces it exactly, other view parameters are untouched, and a link whose area the domain refuses opens
// without a selection.
import type { Polygon } from 'geojson'
import { expect, test } from 'vitest'
import { DEFAULT_VIEW, parseView, serializeView } from '../../web/src/stores/view-state'
import { withinFromUrl, withinText } from '../../web/src/selection/within-param'

const area: Polygon = { type: 'Polygon', coordinates: [[[119.712345, 27.51], [119.8, 27.5], [119.81, 27.612345], [119.7, 27.6], [119.712345, 27.51]]] }

test('a selected area goes into the URL and comes back the same', () => {
  const view = { ...DEFAULT_VIEW, scope: '330329100', range: '7d' as const, within: area }
  const search = serializeView(view, 'en')
  expect(new URLSearchParams(search).get('within')).toBe(JSON.stringify(area))
  expect(parseView(search)).toEqual(view)
  // Written once more from what was read: the same text (a shared link stays the same link).
  expect(serializeView(parseView(search), 'en')).toBe(search)
})

test('no selection: no within parameter, and none read', () => {
  expect(serializeView(DEFAULT_VIEW, null)).toBe('')
  expect(parseView('?scope=330329100').within).toBeNull()
})

test('the API receives the same text the URL holds', () => {
  expect(withinText(area)).toBe(new URLSearchParams(serializeView({ ...DEFAULT_VIEW, within: area }, null)).get('within'))
})

test('a link with an area the domain refuses opens without one', () => {
  const bowtie = JSON.stringify({ type: 'Polygon', coordinates: [[[119.7, 27.5], [119.8, 27.6], [119.8, 27.5], [119.7, 27.6], [119.7, 27.5]]] })
  for (const bad of [bowtie, 'not json', '{"type":"Point","coordinates":[119.7,27.5]}', '']) {
    expect(withinFromUrl(bad), bad).toBeNull()
    expect(parseView(`?within=${encodeURIComponent(bad)}`).within, bad).toBeNull()
  }
})

test('an unclosed ring in a hand-written link is read closed', () => {
  const open = JSON.stringify({ type: 'Polygon', coordinates: [[[119.7, 27.5], [119.8, 27.5], [119.8, 27.6]]] })
  expect(withinFromUrl(open)?.coordinates[0]).toEqual([[119.7, 27.5], [119.8, 27.5], [119.8, 27.6], [119.7, 27.5]])
})
