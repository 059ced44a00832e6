// The contract of the incident vector tiles between the API (api/routes/tiles.ts, api/tiles/) and the map
// (web/src/map): from what size of selection the map asks for tiles instead of GeoJSON, and at which zooms the
// incidents are grouped into discs or drawn as points. Both sides read these, so they cannot disagree.

/** The map draws incidents from vector tiles above this many in range: the default of the API's INCIDENT_TILES_ABOVE (/api/config gives the value in force). */
export const INCIDENT_TILES_ABOVE = 50_000

/** Up to this zoom incidents are grouped (the GeoJSON source's clusterMaxZoom, the tiles' cells); points from the next zoom on. */
export const INCIDENT_CLUSTER_MAX_ZOOM = 13

/** The deepest incident tiles the API makes: the first zoom of points. Deeper ones would hold the same points, so MapLibre overzooms this one. */
export const INCIDENT_TILE_MAX_ZOOM = INCIDENT_CLUSTER_MAX_ZOOM + 1
