// An overlay is pure data: its sources, its layers (ids prefixed by the overlay id), its draw order and the view
// layer that toggles it. Only map-host.ts touches the map; overlays are unit-testable as plain objects (after
// OpenInfraMap's web/).
import type { ExpressionSpecification, LayerSpecification, SourceSpecification } from 'maplibre-gl'
import type { LayerId } from '../stores/view-state'

export interface Overlay {
  id: string
  /** Lower draws first (underneath). */
  order: number
  /** The toggle (view layer) that shows or hides every layer of this overlay; null = always on. */
  toggle: LayerId | null
  sources: Record<string, SourceSpecification>
  layers: LayerSpecification[]
  /**
   * Name labels of the geography (township names and values, grid names), drawn above EVERY overlay's layers:
   * clusters and points would otherwise cover the very names a leader reads the map by.
   */
  labels?: LayerSpecification[]
  /** Layer ids whose features respond to clicks. */
  clickable: string[]
}

export const emptyCollection = () => ({ type: 'FeatureCollection' as const, features: [] })

export const LABEL_FONT = ['Noto Sans CJK SC']

/**
 * `value` for every feature, written so that MapLibre stores it per feature instead of as one constant (it reads a
 * property no feature has). MapLibre compiles a shader program per layer type and per mix of constant and
 * per-feature paint properties, and with WebGL on the CPU each program costs 50–100 ms of the map's first frames.
 * Every circle layer gives colour, radius and stroke this way, every line colour, width and opacity, every fill
 * colour and opacity: one program per type (test/unit/overlay.test.ts keeps it so).
 */
export const perFeature = (value: string | number): ExpressionSpecification => ['coalesce', ['get', 'per-feature'], value]

/** Every layer of an overlay, its labels included: what its toggle shows and hides. */
export const overlayLayers = (o: Overlay): LayerSpecification[] => [...o.layers, ...(o.labels ?? [])]

/** Checks ids and orders and returns the overlays' layers in draw order. Throws on a clash: a bug, not data. */
export function composeOverlays(overlays: Overlay[]): { sources: Record<string, SourceSpecification>; layers: LayerSpecification[] } {
  const orders = new Set<number>()
  const sources: Record<string, SourceSpecification> = {}
  const layerIds = new Set<string>()
  const sorted = [...overlays].sort((a, b) => a.order - b.order)
  for (const o of sorted) {
    if (orders.has(o.order)) throw new Error(`overlay ${o.id}: order ${o.order} is taken`)
    orders.add(o.order)
    for (const [id, spec] of Object.entries(o.sources)) {
      if (!id.startsWith(o.id)) throw new Error(`overlay ${o.id}: source ${id} must start with the overlay id`)
      if (sources[id]) throw new Error(`duplicate source ${id}`)
      sources[id] = spec
    }
    for (const l of overlayLayers(o)) {
      if (!l.id.startsWith(`${o.id}-`)) throw new Error(`overlay ${o.id}: layer ${l.id} must start with "${o.id}-"`)
      if (layerIds.has(l.id)) throw new Error(`duplicate layer ${l.id}`)
      layerIds.add(l.id)
    }
  }
  return { sources, layers: [...sorted.flatMap((o) => o.layers), ...sorted.flatMap((o) => o.labels ?? [])] }
}
