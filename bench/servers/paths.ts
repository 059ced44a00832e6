// Routes the bench servers answer; shared by the server scripts and the runner (importing a server script would start it).

/** The product's county summary (30 days up to the pinned now). */
export const SUMMARY_PATH = '/api/metrics/summary'
/** Bench-only: the same bytes as SUMMARY_PATH, from memory (app-server.ts). */
export const MEMORY_PATH = '/api/__bench/summary-from-memory'
/** Bench-only (alerts-server.ts): one full alert evaluation, `?thread=main|worker`; answers when it is done. */
export const ALERTS_FULL_PATH = '/api/__bench/alerts/full'
/** Bench-only (alerts-server.ts): one incremental evaluation of `?grid=`, `?thread=main|worker`. */
export const ALERTS_INCREMENTAL_PATH = '/api/__bench/alerts/incremental'
/** Bench-only (alerts-server.ts): the server's pinned clock, epoch ms. */
export const ALERTS_NOW_PATH = '/api/__bench/alerts/now'
