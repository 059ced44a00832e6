// The instant a request's figures or records are as of: the domain's rule (domain/as-of.ts) with the API's refusal.
import { asOfProblem, defaultAsOf, isPastAsOf } from '../../domain/as-of'
import { ApiError } from '../errors'

/**
 * `asOf` as asked (undefined: the end of the period `to` or now, whichever is earlier), checked against now: a
 * future instant is 422. `past`: earlier than now, so the answer is rebuilt from history.
 */
export function asOfInstant(asOf: number | undefined, to: number | undefined, now: number): { at: number; past: boolean } {
  const at = asOf ?? defaultAsOf(to, now)
  const problem = asOfProblem(at, now)
  if (problem) throw new ApiError(422, 'future_as_of', problem)
  return { at, past: isPastAsOf(at, now) }
}
