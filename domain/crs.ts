// Coordinate systems met at intake. WGS84 is canonical (天地图's CGCS2000 is within centimetres of
// it). Phones with Amap or Tencent send GCJ-02, Baidu sends BD-09. These are the standard public
// formulas (the same that derived geodata/sources): WGS84→GCJ-02 is closed-form and inverted by
// fixed-point iteration (round trip < 1 mm); BD-09↔GCJ-02 is the standard pair, which is not an
// exact inverse (round trip ≈ 0.1 m, far below what a phone's GPS gives).
import type { Label, Labelled } from './label'
import { labelled } from './label'

/** [longitude, latitude] in degrees: GeoJSON order. */
export type LngLat = readonly [lng: number, lat: number]

export const CRS_IDS = ['wgs84', 'gcj02', 'bd09'] as const
export type Crs = (typeof CRS_IDS)[number]
const CRS_TABLE: Record<Crs, Label> = {
  wgs84: { name: 'WGS84(天地图/GPS)', nameEn: 'WGS84 (Tianditu, GPS)' },
  gcj02: { name: 'GCJ-02(高德/腾讯)', nameEn: 'GCJ-02 (Amap, Tencent)' },
  bd09: { name: 'BD-09(百度)', nameEn: 'BD-09 (Baidu)' },
}
export const CRS_LIST: readonly Labelled<Crs>[] = labelled(CRS_IDS, CRS_TABLE)

const A = 6378245.0 // Krasovsky 1940 semi-major axis, as the GCJ-02 formula uses
const EE = 0.00669342162296594323 // its first eccentricity squared
const X_PI = (Math.PI * 3000.0) / 180.0

/** GCJ-02 shifts only inside China; outside it equals WGS84. The usual coarse box. */
export function outOfChina([lng, lat]: LngLat): boolean {
  return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271
}

function shiftLat(x: number, y: number): number {
  let r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x))
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3
  r += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3
  r += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3
  return r
}

function shiftLng(x: number, y: number): number {
  let r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x))
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3
  r += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3
  r += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3
  return r
}

export function wgs84ToGcj02(p: LngLat): LngLat {
  const [lng, lat] = p
  if (outOfChina(p)) return [lng, lat]
  const radLat = (lat / 180) * Math.PI
  const s = Math.sin(radLat)
  const magic = 1 - EE * s * s
  const sqrtMagic = Math.sqrt(magic)
  const dLat = (shiftLat(lng - 105, lat - 35) * 180) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI)
  const dLng = (shiftLng(lng - 105, lat - 35) * 180) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI)
  return [lng + dLng, lat + dLat]
}

/** Inverts wgs84ToGcj02 by fixed-point iteration: the shift varies slowly, so a few steps reach 1e-10°. */
export function gcj02ToWgs84(p: LngLat): LngLat {
  const [lng, lat] = p
  if (outOfChina(p)) return [lng, lat]
  let w: [number, number] = [lng, lat]
  for (let i = 0; i < 20; i++) {
    const [gLng, gLat] = wgs84ToGcj02(w)
    const dLng = gLng - lng
    const dLat = gLat - lat
    w = [w[0] - dLng, w[1] - dLat]
    if (Math.abs(dLng) < 1e-10 && Math.abs(dLat) < 1e-10) break
  }
  return w
}

export function gcj02ToBd09([lng, lat]: LngLat): LngLat {
  const z = Math.sqrt(lng * lng + lat * lat) + 0.00002 * Math.sin(lat * X_PI)
  const theta = Math.atan2(lat, lng) + 0.000003 * Math.cos(lng * X_PI)
  return [z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006]
}

export function bd09ToGcj02([lng, lat]: LngLat): LngLat {
  const x = lng - 0.0065
  const y = lat - 0.006
  const z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * X_PI)
  const theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * X_PI)
  return [z * Math.cos(theta), z * Math.sin(theta)]
}

/** Converts a point in `crs` to canonical WGS84. */
export function toWgs84(p: LngLat, crs: Crs): LngLat {
  switch (crs) {
    case 'wgs84':
      return [p[0], p[1]]
    case 'gcj02':
      return gcj02ToWgs84(p)
    case 'bd09':
      return gcj02ToWgs84(bd09ToGcj02(p))
  }
}

/** Converts a canonical WGS84 point to `crs` (e.g. to hand it to an Amap or Baidu link). */
export function fromWgs84(p: LngLat, crs: Crs): LngLat {
  switch (crs) {
    case 'wgs84':
      return [p[0], p[1]]
    case 'gcj02':
      return wgs84ToGcj02(p)
    case 'bd09':
      return gcj02ToBd09(wgs84ToGcj02(p))
  }
}

const EARTH_RADIUS_M = 6371008.8 // IUGG mean radius

/** Great-circle distance in metres (haversine): good to 0.5 % at county scale. */
export function distanceMeters(a: LngLat, b: LngLat): number {
  const rad = Math.PI / 180
  const dLat = (b[1] - a[1]) * rad
  const dLng = (b[0] - a[0]) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(h))
}
