// A small builder for the WHERE clauses the list and metric queries share: scope, time range, enums, bbox.
// Values are always bound parameters; column names come only from this code.
import type { Dialect } from './dialect'
import { scopeColumn } from './scope'

export interface Where {
  clauses: string[]
  params: Record<string, unknown>
}

export const where = (): Where => ({ clauses: [], params: {} })

export function sql(w: Where): string {
  return w.clauses.length ? `WHERE ${w.clauses.join(' AND ')}` : ''
}

export function addScope(w: Where, scope: string | undefined, alias = '') {
  if (!scope) return
  const column = scopeColumn(scope)
  if (column) {
    w.clauses.push(`${alias}${column} = @scope`)
    w.params.scope = scope
  }
}

export function addRange(w: Where, column: string, from: number | undefined, to: number | undefined) {
  if (from !== undefined) { w.clauses.push(`${column} >= @from`); w.params.from = from }
  if (to !== undefined) { w.clauses.push(`${column} < @to`); w.params.to = to }
}

/** `column IN (...)` for a list of allowed values; an empty or missing list adds nothing. */
export function addIn(w: Where, column: string, name: string, values: readonly (string | number)[] | undefined) {
  if (!values || values.length === 0) return
  const keys = values.map((v, i) => { const k = `${name}${i}`; w.params[k] = v; return `@${k}` })
  w.clauses.push(`${column} IN (${keys.join(', ')})`)
}

/** `overdue=true|false`: the kind's overdue condition at @now (an SQL expression over one row), or its negation. */
export function addOverdue(w: Where, overdueSql: string, overdue: { now: number; value: boolean } | undefined) {
  if (!overdue) return
  w.clauses.push(overdue.value ? overdueSql : `NOT ${overdueSql}`)
  w.params.now = overdue.now
}

/** The box [minLng, minLat, maxLng, maxLat], edges included, spelt by the engine so that it reads its spatial index. */
export function addBbox(w: Where, dialect: Dialect, bbox: [number, number, number, number] | undefined, alias = '') {
  if (!bbox) return
  w.clauses.push(dialect.inBbox(alias))
  Object.assign(w.params, { minLng: bbox[0], minLat: bbox[1], maxLng: bbox[2], maxLat: bbox[3] })
}

/**
 * An area the request selects (`within=`), as the store binds it: the GeoJSON text of a Polygon or MultiPolygon
 * (already checked and cut to the caller's area) and its box.
 */
export interface AreaFilter { geojson: string; bbox: [number, number, number, number] }

/** Rows whose point lies in the area or on its boundary; `alias` prefixes the lng, lat (and geom) columns. */
export function addArea(w: Where, dialect: Dialect, area: AreaFilter | undefined, alias = '') {
  if (!area) return
  w.clauses.push(`(${dialect.inArea(alias)})`)
  const [withinMinLng, withinMinLat, withinMaxLng, withinMaxLat] = area.bbox
  Object.assign(w.params, { within: area.geojson, withinMinLng, withinMinLat, withinMaxLng, withinMaxLat })
}

/** Where a keyset page ends: the sort key and id of its last row. */
export interface Keyset { at: number; id: number }

export type SortOrder = 'ASC' | 'DESC'

/** Rows strictly after `after` in the order (column, id), so pages stay stable while rows are added. */
export function addKeyset(w: Where, column: string, after: Keyset | undefined, order: SortOrder) {
  if (!after) return
  const op = order === 'DESC' ? '<' : '>'
  w.clauses.push(`(${column} ${op} @afterAt OR ${column} = @afterAt AND id ${op} @afterId)`)
  Object.assign(w.params, { afterAt: after.at, afterId: after.id })
}
