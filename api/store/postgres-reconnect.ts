// How soon a PostgreSQL connection tries again after failing: every pool and single connection of the store uses it.
/**
 * Seconds a connection waits before reconnecting after the pool's n-th failure in a row. The driver's default
 * grows to 20 s (3^n/100, counted across the pool), so replicas took writes again 17–20 s after a primary that had
 * been down 11 s came back; a command centre's writes should resume within a second or two, and a connection
 * trying once a second costs a returning server nothing.
 */
export const reconnectBackoff = (failures: number) => Math.min(0.05 * 2 ** failures, 1)
