// The HTML encoding (the OGC "html" conformance class): plain pages a person can read and click through, with no
// script and no style of their own, so they pass the site's Content-Security-Policy unchanged. Every value is
// escaped: feature properties are data people typed.
import type { Link } from './links'

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!)

const cell = (value: unknown): string =>
  escapeHtml(value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value))

const linkList = (links: readonly Link[]) =>
  `<ul>${links.map((l) => `<li><a href="${escapeHtml(l.href)}" rel="${escapeHtml(l.rel)}">${escapeHtml(l.title ?? l.rel)}</a> (${escapeHtml(l.type)})</li>`).join('')}</ul>`

export function htmlPage(title: string, body: string, links: readonly Link[] = []): string {
  return '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">' +
    `<title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${body}` +
    (links.length ? `<h2>Links</h2>${linkList(links)}` : '') + '</body></html>'
}

/** A table of rows (objects), one column per key met; `href` of a row makes its first cell a link. */
export function htmlTable(rows: readonly Record<string, unknown>[], href?: (row: Record<string, unknown>) => string): string {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))]
  const head = `<tr>${keys.map((k) => `<th>${escapeHtml(k)}</th>`).join('')}</tr>`
  const body = rows.map((r) => `<tr>${keys.map((k, i) => i === 0 && href
    ? `<td><a href="${escapeHtml(href(r))}">${cell(r[k])}</a></td>` : `<td>${cell(r[k])}</td>`).join('')}</tr>`).join('')
  return `<table>${head}${body}</table>`
}

export const htmlParagraph = (text: string) => `<p>${escapeHtml(text)}</p>`
