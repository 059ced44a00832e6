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
  throw new RowRejected(parsed.error.issues.slice(0, 3).map((i) => `${i.path.length ? i.path.map(String).join('.') : 'row'}: ${i.message}`).join('; '))
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
