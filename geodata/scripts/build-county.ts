import { areaKm2, cleanAreal } from './clean-geometry'
import { COUNTY_CODE } from './codes'
import type { CountyProps, LayerFeature } from './layer-types'
import type { Areal } from './projection'
import { OUTLINE_FILE } from './read-sources'

/** The county outline as published: the WGS84 derivative of the DataV (GCJ-02) outline, rounded and rewound. */
export function buildCounty(outline: Areal): LayerFeature<CountyProps> {
  const geometry = cleanAreal(outline)
  return {
    type: 'Feature',
    id: COUNTY_CODE,
    properties: {
      id: COUNTY_CODE,
      name: '泰顺县',
      level: 'county',
      source: `DataV GeoAtlas GCJ-02 → WGS84 (geodata/sources/${OUTLINE_FILE})`,
      area_km2: areaKm2(geometry),
    },
    geometry,
  }
}
