// A row the import does not store, and why: the same words a client of the API gets for the same mistake.
import type { z } from 'zod'
import { invisibleIn } from '../../http/json-body'
import { ApiError } from '../../errors'

export class RowRejected extends Error {}

/** The schema's parse of one row's fields, or RowRejected naming each field that fails (as the API's 422 does). */
export function validated<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const invisible = invisibleIn(input)
  if (invisible) throw new RowRejected(invisible)
  const parsed = schema.safeParse(input)
  if (parsed.success) return parsed.data
  throw new RowRejected(parsed.error.issues.slice(0, 3).map((i) => describe(i, input)).join('; '))
}

/** Long option lists (80 incident types) are not repeated on every bad row: the value and where the list is. */
const LIST_AT_MOST = 12

function describe(issue: z.core.$ZodIssue, input: unknown): string {
  const path = issue.path.length ? issue.path.map(String).join('.') : 'row'
  if (issue.code === 'invalid_value' && issue.values.length > LIST_AT_MOST) {
    const value = issue.path.reduce<unknown>((o, k) => (o as Record<PropertyKey, unknown> | undefined)?.[k], input)
    return `${path}: "${String(value)}" is not one of the ${issue.values.length} known values (GET /api/reference lists them)`
  }
  return `${path}: ${issue.message}`
}

/** Runs a domain step (placing a point, routing a type); its 4xx becomes the row's rejection. */
export function asRejection<T>(step: () => T): T {
  try {
    return step()
  } catch (err) {
    if (err instanceof ApiError) throw new RowRejected(err.message)
    throw err
  }
}
