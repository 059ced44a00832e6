// Keyset pagination for the map lists: a page is fetched one row long, and the sort key and id of its last row
// become an opaque cursor for the next page. Unlike OFFSET, a cursor neither skips nor repeats rows while new
// records arrive, and every page costs one index range.
import { ApiError } from '../errors'
import type { Keyset } from '../store/where'

export const encodeCursor = (k: Keyset) => Buffer.from(`${k.at}.${k.id}`).toString('base64url')

/** The 400 for a cursor the API did not give out, on every paginated route (the map lists and the audit log). */
export const invalidCursor = (cursor: string) => new ApiError(400, 'invalid_cursor',
  `cursor "${cursor}" is not one this API gave out: a cursor is the \`next\` of the page before, passed back unchanged; leave it out for the first page`)

/** Undefined passes through (the first page); anything the API did not give out is a 400. */
export function decodeCursor(cursor: string | undefined): Keyset | undefined {
  if (cursor === undefined) return undefined
  const m = /^(\d{1,15})\.(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString())
  if (!m) throw invalidCursor(cursor)
  return { at: Number(m[1]), id: Number(m[2]) }
}

export interface FeaturePage<F = unknown> {
  type: 'FeatureCollection'
  features: F[]
  /** The cursor of the following page, or null on the last one. */
  next: string | null
}

/**
 * Turns a fetch of `limit + 1` rows into one page: the extra row only says that another page exists.
 * `fetch` gets the decoded cursor and the row count to read.
 */
export async function featurePage<R, F>(
  cursor: string | undefined,
  limit: number,
  fetch: (after: Keyset | undefined, count: number) => Promise<R[]>,
  keyOf: (row: R) => Keyset,
  feature: (row: R) => F,
): Promise<FeaturePage<F>> {
  const rows = await fetch(decodeCursor(cursor), limit + 1)
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return {
    type: 'FeatureCollection',
    features: page.map(feature),
    next: rows.length > limit && last ? encodeCursor(keyOf(last)) : null,
  }
}
