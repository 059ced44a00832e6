// Data for GeoJSON sources that nothing draws is held back until a layer of the source is shown. MapLibre indexes
// and tiles a source's data in its worker whether or not a layer draws it; the county view hides the heatmap, the
// disputes and the grids (~300 polygons), and indexing them cost the first load worker time and repaints for
// nothing. Only the newest data of a source is held; showing a layer writes it once.
import type { GeoJSONSourceDiff } from 'maplibre-gl'

export function heldData(shown: (sourceId: string) => boolean, write: (sourceId: string, data: GeoJSON.GeoJSON) => void) {
  const held = new Map<string, GeoJSON.GeoJSON>()
  return {
    /** Writes the data now if the source is drawn, else holds it (replacing what was held). */
    set(sourceId: string, data: GeoJSON.GeoJSON) {
      if (!shown(sourceId)) {
        held.set(sourceId, data)
        return
      }
      held.delete(sourceId)
      write(sourceId, data)
    },
    /** Writes what is held for the source, if anything: a layer of it is shown, or a change must follow its data. */
    release(sourceId: string) {
      const data = held.get(sourceId)
      if (data === undefined) return
      held.delete(sourceId)
      write(sourceId, data)
    },
    /**
     * Applies a diff of only `add`s (new or replaced features, by id: what live changes send) to held data, and says
     * whether it did; any other diff, or data not held, is the caller's to write after `release`.
     */
    addToHeld(sourceId: string, diff: GeoJSONSourceDiff): boolean {
      const data = held.get(sourceId)
      const { add, ...rest } = diff
      if (data?.type !== 'FeatureCollection' || !add || Object.values(rest).some((v) => v !== undefined)) return false
      const byId = new Map(add.map((f) => [f.id, f]))
      const kept = data.features.filter((f) => f.id === undefined || !byId.has(f.id))
      held.set(sourceId, { ...data, features: [...kept, ...add] })
      return true
    },
    isHeld: (sourceId: string) => held.has(sourceId),
  }
}
