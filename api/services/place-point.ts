// Every record with a place goes through here on intake: convert the client's CRS to WGS84, check the county,
// and assign township, village and grid through the spatial index.
import { toWgs84 } from '../../domain/crs'
import { outsideCountyMessage } from '../../domain/regions'
import type { PointInput } from '../../domain/schemas'
import { unprocessable } from '../errors'
import type { Location, Locator } from './locator'

export interface PlacedPoint extends Location {
  lng: number
  lat: number
  crsIn: PointInput['crs']
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6

export function placePoint(point: PointInput, locator: Locator): PlacedPoint {
  const [lng, lat] = toWgs84([point.lng, point.lat], point.crs).map(round6) as [number, number]
  const outside = outsideCountyMessage([lng, lat])
  if (outside) throw unprocessable(outside, 'outside_county')
  const location = locator.locate(lng, lat)
  if (!location) {
    throw unprocessable(`location [${lng}, ${lat}] (WGS84, converted from ${point.crs}) is outside 泰顺县's outline, though inside its bounding box; check the point and its crs`, 'outside_county')
  }
  return { lng, lat, crsIn: point.crs, ...location }
}
