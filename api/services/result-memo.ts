// A small memo of computed results, for figures many screens ask for at once (every dashboard and wall polls the
// same county summary). It is exact with respect to the data: the app clears it on every commit (store.onCommit),
// so no answer outlives a write made through this server. What it cannot see is time passing: figures such as
// "overdue" or "today" depend on `now`, so an entry also expires TTL after it was computed, by the app's clock
// or by the monotonic clock, whichever moves first (tests pin the app's clock; the benchmark pins it too, and
// must still pay for recomputing). Size is bounded, least recently used first out.
export interface MemoOptions {
  /** Milliseconds an entry may be served after it was computed. */
  ttlMs: number
  /** Entries kept at most. */
  max: number
  /** The app's clock (what the figures are computed for). */
  now: () => number
  /** A clock that only moves forward; performance.now by default. */
  monotonic?: () => number
}

interface Entry<V> { value: V; at: number; tick: number }

export interface ResultMemo<V> {
  /** The stored result for this request, or the computed one (stored when `compute` returns). */
  get(request: unknown, compute: () => V): V
  clear(): void
  readonly size: number
}

export function resultMemo<V>(opts: MemoOptions): ResultMemo<V> {
  const monotonic = opts.monotonic ?? (() => performance.now())
  const entries = new Map<string, Entry<V>>()
  return {
    get(request, compute) {
      const key = memoKey(request)
      const hit = entries.get(key)
      const now = opts.now()
      if (hit) {
        entries.delete(key)
        const age = Math.max(now - hit.at, monotonic() - hit.tick)
        // now < hit.at: the app's clock went back (a test, or a corrected clock); the entry is for another instant.
        if (age <= opts.ttlMs && now >= hit.at) {
          entries.set(key, hit) // most recently used goes last
          return hit.value
        }
      }
      const value = compute()
      entries.set(key, { value, at: now, tick: monotonic() })
      // A result still being computed is shared by the requests that ask meanwhile; one that fails is not kept.
      if (value instanceof Promise) value.catch(() => { if (entries.get(key)?.value === value) entries.delete(key) })
      while (entries.size > opts.max) entries.delete(entries.keys().next().value as string)
      return value
    },
    clear: () => entries.clear(),
    get size() {
      return entries.size
    },
  }
}

/**
 * A canonical key: every field of the request, objects with sorted keys, undefined fields dropped (they mean
 * "not given" exactly as an absent one), and lists sorted and de-duplicated: only for requests whose lists are sets,
 * as the incident filters are (status=a,b and status=b,a select the same rows). Nothing is picked by name, so a parameter added to the request
 * later is part of the key without anyone remembering to add it.
 */
export function memoKey(request: unknown): string {
  return JSON.stringify(canonical(request))
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) {
    const items = v.map(canonical)
    const keyed = items.map((x) => [JSON.stringify(x), x] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    return keyed.filter(([k], i) => i === 0 || k !== keyed[i - 1]![0]).map(([, x]) => x)
  }
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v).sort().filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => [k, canonical((v as Record<string, unknown>)[k])]))
  }
  return v
}
