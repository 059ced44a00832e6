// What the API's thread and the alert evaluation's worker thread say to each other (findings-thread.ts,
// findings-worker.ts): plain data only, as postMessage copies it.
import type { FindingsAnswer } from './rule-findings'

/** What the worker is started with: where the data is, and the rules' facts about places as entry lists. */
export interface FindingsThreadData {
  location: string
  gridsPerTownship: [string, number][]
  seats: [string, [number, number]][]
}

export type FindingsThreadMessage =
  | { kind: 'ready' }
  | { kind: 'unavailable'; message: string }
  | { kind: 'answer'; id: number; answer: FindingsAnswer }
  | { kind: 'failed'; id: number; message: string }
