// The database cannot be used as it is — unreachable, missing PostGIS, a schema newer than the code, no right to
// migrate it — and the operator must act. The server and the command-line tools print the message and stop.
export class DatabaseUnavailable extends Error {}

/** Seconds a client is told to wait before trying again while the database is out of reach. */
export const OUTAGE_RETRY_SECONDS = 5

/**
 * Whether a statement failed because the database is out of reach for a while — the connection refused, cut or
 * ended, the server shutting down or starting up (SQLSTATE 57P01–57P03, class 08), SQLite busy past its timeout —
 * rather than because of the statement: the request is answered 503 with Retry-After, never 500, and a client
 * may send it again (nothing of it was stored: its transaction did not commit).
 *
 * UNSAFE_TRANSACTION is the driver's (postgres 3.4) refusal of a BEGIN that completed on a connection no longer
 * held for its transaction: seen while a replica's connections were being cut and made again under load (a
 * failover drill). The driver refuses before the transaction's first statement, so nothing of it ran.
 */
export function isDatabaseOutage(err: unknown): boolean {
  const code = String((err as { code?: unknown } | null)?.code ?? '')
  return /^(08|57P0[1-3])/.test(code) || code === 'SQLITE_BUSY' || code === 'UNSAFE_TRANSACTION' ||
    /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|CONNECTION_(CLOSED|ENDED|DESTROYED|CONNECT_TIMEOUT))$/.test(code)
}
