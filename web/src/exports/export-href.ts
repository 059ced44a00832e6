// The download address of a list as a file: the list route with the view's query (what the map loads) and
// format=csv|xlsx. A plain link: the browser downloads it with the session cookie and names it from the answer's
// Content-Disposition, and a million rows stream to disk without passing through the page's memory.
export type ExportKindId = 'incidents' | 'disputes' | 'sites' | 'whistles' | 'alerts'
export type ExportFileFormat = 'csv' | 'xlsx'

export type ExportQuery = Record<string, string | readonly string[] | boolean | undefined | null>

export function exportHref(kind: ExportKindId, query: ExportQuery, format: ExportFileFormat, lang: 'zh-CN' | 'en'): string {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null) continue
    if (Array.isArray(v)) { if (v.length) q.set(k, v.join(',')) } else q.set(k, String(v))
  }
  q.set('format', format)
  if (lang === 'en') q.set('lang', 'en')
  return `/api/${kind}?${q.toString()}`
}
