// What every record view shares: records leave the API with ISO 8601 times in UTC (the store keeps epoch
// milliseconds), and derived state is computed for the caller's `now`; `masked` hides personal data for walls.
export const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())

export interface ViewOptions { now: number; masked: boolean }
