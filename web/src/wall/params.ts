// The wall's own URL parameters, beside the view's (scope, layers, lang …), which the view store keeps in the URL
// as it changes it: ?canvas= (see canvas.ts), ?tour=<seconds> and ?banner=<seconds>.

/** `?tour=<seconds>`: a positive number of seconds (at least 1), or null for no tour. */
export function parseTour(search: string): number | null {
  const raw = new URLSearchParams(search).get('tour')
  if (raw === null || raw === '') return null
  const s = Number(raw)
  return Number.isFinite(s) && s > 0 ? Math.max(1, s) : null
}

/** How long an urgent record holds the screen: `?banner=<seconds>` (at least 1), 15 s by default. */
export function parseBannerMs(search: string): number {
  const s = Number(new URLSearchParams(search).get('banner') ?? '')
  return Number.isFinite(s) && s >= 1 ? s * 1000 : 15_000
}
