import type { Feature, Position } from 'geojson'
import type { Areal } from './projection'

/** Property shapes of the four published layers (geodata/*.geojson). Key order here is the order in the files. */

export interface CountyProps {
  id: string
  name: string
  level: 'county'
  source: string
  area_km2: number
}

export interface TownshipProps {
  id: string
  name: string
  kind: '镇' | '乡'
  seat: Position
  area_km2: number
  /** Boundaries are a Voronoi partition of the seats (示意范围), not official lines. */
  indicative: true
}

export interface VillageProps {
  id: string
  /** Map name: the NBS name with the committee suffix dropped (西内村委会 → 西内村); communities unchanged. */
  name: string
  /** The name exactly as in the NBS list, for joins with other NBS-based data. */
  nbsName: string
  kind: '村' | '社区'
  township: string
  area_km2: number
  indicative: true
}

export interface Person {
  name: string
  phone: string
}

export interface GridProps {
  id: string
  name: string
  village: string
  township: string
  households: number
  gridHead: Person
  gridWorker: Person
  synthetic: true
  indicative: true
}

export type LayerFeature<P> = Feature<Areal, P> & { id: string }
