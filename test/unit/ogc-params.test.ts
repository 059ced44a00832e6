// The feature service's parameters as pure functions: datetime to half-open ranges, bbox in either axis order, and
// geometries answered latitude first for EPSG:4490.
import { describe, expect, it } from 'vitest'
import { parseOgcBbox } from '../../api/ogc/bbox'
import { CGCS2000, CRS84, inCrs, parseCrs } from '../../api/ogc/crs'
import { parseDatetime, parseDatetimes } from '../../api/ogc/datetime'

const ms = (iso: string) => Date.parse(iso)

describe('datetime', () => {
  it('an instant is a millisecond; a closed interval includes its end; open ends stay open', () => {
    expect(parseDatetime('2020-08-01T00:00:00Z')).toEqual({ from: ms('2020-08-01T00:00:00Z'), to: ms('2020-08-01T00:00:00Z') + 1 })
    expect(parseDatetime('2020-07-01T00:00:00Z/2020-07-31T23:59:59Z')).toEqual({ from: ms('2020-07-01T00:00:00Z'), to: ms('2020-07-31T23:59:59Z') + 1 })
    expect(parseDatetime('../2020-08-01T00:00:00Z')).toEqual({ from: undefined, to: ms('2020-08-01T00:00:00Z') + 1 })
    expect(parseDatetime('2020-07-01T00:00:00Z/')).toEqual({ from: ms('2020-07-01T00:00:00Z'), to: undefined })
    expect(parseDatetime('../..')).toEqual({ from: undefined, to: undefined })
    expect(parseDatetime(undefined)).toBeUndefined()
  })
  it('a bare date is its whole local day (UTC+8)', () => {
    expect(parseDatetime('2020-08-01')).toEqual({ from: ms('2020-07-31T16:00:00Z'), to: ms('2020-08-01T16:00:00Z') })
    expect(parseDatetime('2020-07-01/2020-07-31')).toEqual({ from: ms('2020-06-30T16:00:00Z'), to: ms('2020-07-31T16:00:00Z') })
  })
  it('several datetime parameters (as GDAL sends a filter on the time property) are their intersection', () => {
    expect(parseDatetimes(['2020-08-31T16:00:00Z/..', '../2020-09-30T16:00:00Z'])).toEqual({ from: ms('2020-08-31T16:00:00Z'), to: ms('2020-09-30T16:00:00Z') + 1 })
    expect(parseDatetimes(['2020-09-01T00:00:00Z/..', '../2020-08-01T00:00:00Z'])).toEqual({ from: ms('2020-09-01T00:00:00Z'), to: ms('2020-09-01T00:00:00Z') })
    expect(parseDatetimes([])).toBeUndefined()
    expect(parseDatetimes(undefined)).toBeUndefined()
  })
  it('refuses what is not RFC 3339 or an interval that ends before it starts', () => {
    for (const bad of ['yesterday', '2020-02-30', '2020-08-01T00:00:00Z/2020-07-01T00:00:00Z', 'a/b/c', '2020-08-01T00:00']) {
      expect(() => parseDatetime(bad), bad).toThrow(/datetime/)
    }
  })
})

describe('bbox and crs', () => {
  it('reads CRS84 longitude first and EPSG:4490 latitude first, to the same WGS84 box', () => {
    expect(parseOgcBbox('119.6,27.3,120.2,27.8', undefined)).toEqual([119.6, 27.3, 120.2, 27.8])
    expect(parseOgcBbox('27.3,119.6,27.8,120.2', CGCS2000)).toEqual([119.6, 27.3, 120.2, 27.8])
    expect(parseOgcBbox('119.6,27.3,0,120.2,27.8,100', CRS84)).toEqual([119.6, 27.3, 120.2, 27.8])
  })
  it('refuses malformed boxes and unknown CRSs', () => {
    for (const bad of ['1,2,3', '1,2,3,4,5', 'a,b,c,d', '120,27,119,28', '119,27,120,91', '119,,120,28']) expect(() => parseOgcBbox(bad, undefined), bad).toThrow(/bbox/)
    expect(() => parseCrs('EPSG:4490', 'crs')).toThrow(/not supported/)
    expect(() => parseOgcBbox('1,2,3,4', 'http://www.opengis.net/def/crs/EPSG/0/4326')).toThrow(/bbox-crs/)
  })
  it('answers every kind of geometry latitude first in EPSG:4490 and leaves CRS84 as stored', () => {
    const point = { type: 'Point', coordinates: [119.7, 27.5] }
    const polygon = { type: 'Polygon', coordinates: [[[119, 27], [120, 27], [120, 28], [119, 27]]] }
    const multi = { type: 'MultiPolygon', coordinates: [polygon.coordinates] }
    expect(inCrs(point, CGCS2000)).toEqual({ type: 'Point', coordinates: [27.5, 119.7] })
    expect(inCrs(polygon, CGCS2000).coordinates).toEqual([[[27, 119], [27, 120], [28, 120], [27, 119]]])
    expect(inCrs(multi, CGCS2000).coordinates).toEqual([[[[27, 119], [27, 120], [28, 120], [27, 119]]]])
    expect(inCrs({ type: 'GeometryCollection', geometries: [point] }, CGCS2000)).toEqual({ type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [27.5, 119.7] }] })
    expect(inCrs(point, CRS84)).toBe(point)
    expect(inCrs(null, CGCS2000)).toBeNull()
    expect(point.coordinates).toEqual([119.7, 27.5])
  })
})
