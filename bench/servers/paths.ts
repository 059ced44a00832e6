// Routes the bench servers answer; shared by the server scripts and the runner (importing a server script would start it).

/** The product's county summary (30 days up to the pinned now). */
export const SUMMARY_PATH = '/api/metrics/summary'
/** Bench-only: the same bytes as SUMMARY_PATH, from memory (app-server.ts). */
export const MEMORY_PATH = '/api/__bench/summary-from-memory'
