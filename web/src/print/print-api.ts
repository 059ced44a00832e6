// The print page's reads: plain GETs with the print session's cookie (no sign-in screen, no live stream), each
// failure thrown with the API's own message so the server can say why a briefing could not be rendered.
export async function getPrint<T>(path: string, query: Record<string, string | number | undefined> = {}): Promise<T> {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) if (v !== undefined) q.set(k, String(v))
  const url = q.size ? `${path}?${q}` : path
  const res = await fetch(url, { credentials: 'same-origin' })
  if (!res.ok) {
    const body = await res.json().catch(() => null) as { error?: { message?: string } } | null
    throw new Error(`${path}: ${res.status} ${body?.error?.message ?? res.statusText}`)
  }
  return await res.json() as T
}

interface Page<F> { features: F[]; next?: string | null }

/** Every feature of a keyset-paged list, up to `cap` (a briefing's lists are short; the cap bounds a huge one). */
export async function getAllPages<F>(path: string, query: Record<string, string | number | undefined>, cap = 50_000): Promise<{ features: F[]; complete: boolean }> {
  const features: F[] = []
  let cursor: string | undefined
  for (;;) {
    const page = await getPrint<Page<F>>(path, { ...query, limit: 5000, cursor })
    features.push(...page.features)
    if (!page.next) return { features, complete: true }
    if (features.length >= cap) return { features, complete: false }
    cursor = page.next
  }
}
