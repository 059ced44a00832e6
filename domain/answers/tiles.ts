// What GET /api/tiles/incidents.json answers: TileJSON 3.0 for the incident tiles of the request's parameters,
// with `count`, the incidents they select. api/routes/tiles.ts builds it typed against this.
import { z } from 'zod'
import { component } from './registry'

export const IncidentTileJson = component('IncidentTileJson', z.strictObject({
  tilejson: z.literal('3.0.0'), name: z.string(),
  tiles: z.array(z.string()), minzoom: z.int(), maxzoom: z.int(),
  vector_layers: z.array(z.strictObject({ id: z.string(), fields: z.record(z.string(), z.string()) })),
  clusterMaxZoom: z.int().describe('up to this zoom incidents are drawn as clusters'),
  count: z.int().describe('the incidents these parameters select'),
}))
export type IncidentTileJson = z.infer<typeof IncidentTileJson>
