// The view the print page shows, as the server put it in the address (api/briefings/briefing-view.ts printPath):
// scope, period, the instant the figures stand at, language, and who asked when (the watermark's words).
import type { Lang } from '../i18n'

export interface PrintView {
  scope: string
  from: number
  to: number
  asOf: number
  lang: Lang
  by: string
  at: number
}

export function readPrintView(search = window.location.search): PrintView {
  const q = new URLSearchParams(search)
  const instant = (name: string, fallback: number) => {
    const ms = Date.parse(q.get(name) ?? '')
    return Number.isFinite(ms) ? ms : fallback
  }
  const to = instant('to', Date.now())
  return {
    scope: q.get('scope') ?? '330329',
    from: instant('from', to - 30 * 86_400_000),
    to,
    asOf: instant('asOf', to),
    lang: q.get('lang') === 'en' ? 'en' : 'zh-CN',
    by: q.get('by') ?? '',
    at: instant('at', Date.now()),
  }
}

/** The query every figure and list of the view is asked with: the period and asOf go to every API call. */
export function viewQuery(v: PrintView): Record<string, string> {
  return { from: new Date(v.from).toISOString(), to: new Date(v.to).toISOString(), asOf: new Date(v.asOf).toISOString() }
}
