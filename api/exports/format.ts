// Which file a list route answers with: `format=csv|xlsx` (absent: the JSON page as ever) and the language of the
// column heads and labels, `lang=zh|en` (zh by default: the county's offices read Chinese).
import type { Context } from 'hono'
import { badRequest } from '../errors'

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]
export const EXPORT_LANGS = ['zh', 'en'] as const
export type ExportLang = (typeof EXPORT_LANGS)[number]

/** The export asked for, or null for the JSON page. */
export function parseExportFormat(c: Context): ExportFormat | null {
  const raw = c.req.query('format')
  if (raw === undefined || raw === '' || raw === 'json') return null
  if ((EXPORT_FORMATS as readonly string[]).includes(raw)) return raw as ExportFormat
  throw badRequest(`format="${raw}": use format=csv (UTF-8 text, opens in Excel and WPS) or format=xlsx (an Excel workbook), or leave it out for the JSON page`)
}

export function parseExportLang(c: Context): ExportLang {
  const raw = c.req.query('lang')
  if (raw === undefined || raw === '') return 'zh'
  if ((EXPORT_LANGS as readonly string[]).includes(raw)) return raw as ExportLang
  throw badRequest(`lang="${raw}": use lang=zh (中文, the default) or lang=en for the column heads and labels of the export`)
}
