// What every generator is handed: the clock it must agree with, its own random stream, the map, the writer.
import type { GridSampler } from './grid-sampler'
import { Rng } from './random'
import type { SeedWriter } from './writer'

export interface SeedContext {
  /** Statuses are cut here: nothing is resolved, acknowledged or inspected after `now`. */
  readonly now: number
  readonly seed: number
  readonly grids: GridSampler
  readonly writer: SeedWriter
  /** An independent stream per concept, so one generator's changes never reshuffle another's data. */
  rng(stream: string): Rng
}

export function createContext(p: { now: number; seed: number; grids: GridSampler; writer: SeedWriter }): SeedContext {
  return { ...p, rng: (stream) => new Rng(p.seed, stream) }
}

/** Half-open period [from, to) a preset covers; `to` is `now` for the demo and 2020-12-01 for taishun-2020. */
export interface Period {
  readonly from: number
  readonly to: number
}
