// Live incident changes on the GeoJSON map, at the cost of the change rather than of the whole range.
//
// Any updateData on a clustered source re-clusters every point in the worker: at the 50,000 the map draws as
// GeoJSON, patching one incident cost ~0.8 of replacing them all (bench bar 7), on every event. So a change is
// drawn at once on a small unclustered source above the clusters (`incidents-live`), and folded into the
// clustered source in one batch at most every FOLD_MS (or when FOLD_AT changes wait): one re-cluster per batch.
// Until its fold a changed incident is drawn twice at the same spot, the live one on top; clusters count it as
// before its change. The heatmap source is unclustered and patched directly (geojson-vt updates in place).
import type { GeoJSONSourceDiff } from 'maplibre-gl'
import type { PointFeature } from '../api/map-data'
import { liveIncidentMatches } from './live-incident-filter'
import type { LiveIncidentFilter } from './live-incident-filter'
import { emptyCollection } from './overlay'
import { LIVE_SOURCE } from './overlays/incidents'

export const FOLD_MS = 15_000
export const FOLD_AT = 500

/** What this needs of the map host (map-host.ts): writing GeoJSON sources. */
export interface SourceWriter {
  setData(sourceId: string, data: GeoJSON.GeoJSON): void
  updateData(sourceId: string, diff: GeoJSONSourceDiff): void
}

export function liveIncidents(host: SourceWriter) {
  const pending = new Map<string | number, PointFeature>()
  let timer: ReturnType<typeof setTimeout> | null = null

  function fold() {
    if (timer) { clearTimeout(timer); timer = null }
    if (!pending.size) return
    // `add` replaces a feature with the same id (MapLibre's source diff): new and changed incidents alike.
    host.updateData('incidents', { add: [...pending.values()] })
    host.setData(LIVE_SOURCE, emptyCollection())
    pending.clear()
  }

  /** Draws a new or changed incident now; its cluster catches up at the next fold. */
  function put(feature: PointFeature & { id: string | number }) {
    pending.set(feature.id, feature)
    host.updateData(LIVE_SOURCE, { add: [feature] })
    host.updateData('heatmap', { add: [feature] })
    if (pending.size >= FOLD_AT) fold()
    else timer ??= setTimeout(fold, FOLD_MS)
  }

  /**
   * An incident that left the view (a change moved it out of the filters): off every source at once. Unlike a
   * change, this cannot wait for the fold: the clustered source would go on drawing it. Removals happen only
   * under a filter, so they are far rarer than changes.
   */
  function remove(id: string | number) {
    pending.delete(id)
    host.updateData(LIVE_SOURCE, { remove: [id] })
    host.updateData('heatmap', { remove: [id] })
    host.updateData('incidents', { remove: [id] })
  }

  return {
    put,
    remove,
    /**
     * A live event's incident: drawn if the view's list request would fetch it (`filter`: scope, range, every
     * filter and the selected area), else taken off the map. Returns whether the map keeps it.
     */
    patch(feature: PointFeature & { id: string | number }, filter: LiveIncidentFilter): boolean {
      const keep = liveIncidentMatches(filter, feature.properties, feature.geometry?.coordinates)
      if (keep) put(feature)
      else remove(feature.id)
      return keep
    },
    /** The clustered source was replaced wholesale: nothing is pending any more. */
    reset() {
      if (timer) { clearTimeout(timer); timer = null }
      pending.clear()
      host.setData(LIVE_SOURCE, emptyCollection())
    },
    get pending() { return pending.size },
    destroy() { if (timer) clearTimeout(timer) },
  }
}
