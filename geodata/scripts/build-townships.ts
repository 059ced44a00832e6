import { areaKm2, cleanAreal } from './clean-geometry'
import type { LayerFeature, TownshipProps } from './layer-types'
import type { Areal, LocalProjection } from './projection'
import type { TownshipRow } from './read-sources'
import { voronoiPartition } from './voronoi-partition'

/**
 * Indicative township boundaries (示意范围): no public township polygons exist for Taishun, so each township gets
 * the part of the county nearer to its seat than to any other seat. The seats are geocoded landmarks (a few
 * hundred metres off at worst), which matters far less than the fact that real lines follow ridges and rivers.
 */
export function buildTownships(
  county: Areal,
  rows: readonly TownshipRow[],
  proj: LocalProjection,
): LayerFeature<TownshipProps>[] {
  const cells = voronoiPartition(proj.forwardGeometry(county), rows.map((r) => proj.forward(r.seat)))
  return rows.map((row, i) => {
    const cell = cells[i]
    if (!cell) throw new Error(`no cell for township ${row.code}`)
    const geometry = cleanAreal(proj.inverseGeometry(cell))
    return {
      type: 'Feature',
      id: row.code,
      properties: {
        id: row.code,
        name: row.name,
        kind: row.kind,
        seat: row.seat,
        area_km2: areaKm2(geometry),
        indicative: true,
      },
      geometry,
    }
  })
}
