// The glue every list route shares for `format=csv|xlsx`: count first (over the cap → 413 before a byte is
// written), note the export for the audit log, then stream the list page by page with its own cursor. Each page is
// one short query through the list's service, so no transaction or connection is held for the whole download and
// memory stays flat; the next page is read only when the client has taken the one before.
import type { Context } from 'hono'
import { LOCAL_OFFSET_MS } from '../../domain/calendar'
import { ApiError } from '../errors'
import type { Cell, CellContext } from './cells'
import type { ExportKind } from './columns/column'
import { CSV_BOM, csvLine } from './csv'
import type { ExportFormat } from './format'
import { parseExportLang } from './format'
import { xlsxStream } from './xlsx'

/** Rows in one export at most: an XLSX sheet holds 1,048,576, and more is a data dump, not a list. */
export const EXPORT_MAX_ROWS = 1_000_000
/** Rows read per page: the lists' page cap, one keyset query each. */
export const EXPORT_PAGE_ROWS = 5000

export interface ExportSettings {
  maxRows: number
  /** Rows per keyset page (EXPORT_PAGE_ROWS). */
  pageRows: number
  /** A place code's name (township, village, grid). */
  place: (code: string) => string
  now: () => number
}

/** A list as an export reads it: how many rows the filter holds, and one page after a cursor. */
export interface ExportSource<T> {
  count: () => Promise<number>
  page: (cursor: string | undefined, limit: number) => Promise<{ items: T[]; next: string | null }>
}

const MEDIA: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

/** The audit's note of an export: its kind, format, row count and the filters (the query but format and paging). */
export const AUDIT_EXPORT_KEY = 'auditExport'

function filtersOf(c: Context): string {
  const params = new URL(c.req.url).searchParams
  for (const k of ['format', 'lang', 'cursor', 'limit']) params.delete(k)
  return params.toString()
}

/** `incidents-20260701.csv` and the language's name (`事件-20260701.csv`) as RFC 6266 filename*. */
export function contentDisposition(kind: ExportKind<unknown>, format: ExportFormat, lang: 'zh' | 'en', at: number): string {
  const day = new Date(at + LOCAL_OFFSET_MS).toISOString().slice(0, 10).replaceAll('-', '')
  const ascii = `${kind.id}-${day}.${format}`
  const named = `${lang === 'zh' ? kind.zh : kind.id}-${day}.${format}`
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(named)}`
}

async function* rowsOf<T>(kind: ExportKind<T>, source: ExportSource<T>, pageRows: number, cx: CellContext): AsyncGenerator<Cell[][]> {
  let cursor: string | undefined
  for (;;) {
    const page = await source.page(cursor, pageRows)
    yield page.items.map((item) => kind.columns.map((col) => col.value(item, cx)))
    if (page.next === null) return
    cursor = page.next
  }
}

function csvStream(heads: readonly string[], pages: AsyncIterator<Cell[][]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  let headed = false
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headed) {
        headed = true
        controller.enqueue(encoder.encode(CSV_BOM + csvLine(heads)))
        return
      }
      const { value, done } = await pages.next()
      if (done) controller.close()
      else controller.enqueue(encoder.encode(value.map(csvLine).join('')))
    },
    async cancel() { await pages.return?.(undefined) },
  }, { highWaterMark: 0 })
}

export async function sendExport<T>(c: Context, settings: ExportSettings, format: ExportFormat, kind: ExportKind<T>, source: ExportSource<T>): Promise<Response> {
  const lang = parseExportLang(c)
  const rows = await source.count()
  if (rows > settings.maxRows) {
    throw new ApiError(413, 'export_too_large', `${rows.toLocaleString('en')} ${kind.id} match; an export holds at most ` +
      `${settings.maxRows.toLocaleString('en')} rows: narrow the range (from, to), pick a township or grid (scope) or add filters, and export in parts`)
  }
  c.set(AUDIT_EXPORT_KEY as never, `export ${kind.id} ${format} ${rows} rows ${filtersOf(c)}`.trim().slice(0, 500) as never)
  const heads = kind.columns.map((col) => (lang === 'zh' ? col.zh : col.en))
  const pages = rowsOf(kind, source, settings.pageRows, { lang, place: settings.place })
  const body = format === 'csv' ? csvStream(heads, pages) : xlsxStream(lang === 'zh' ? kind.zh : kind.en, heads, pages)
  return c.body(body, 200, {
    'Content-Type': MEDIA[format],
    'Content-Disposition': contentDisposition(kind as ExportKind<unknown>, format, lang, settings.now()),
    'X-Export-Rows': String(rows),
    'Cache-Control': 'no-store',
  })
}
