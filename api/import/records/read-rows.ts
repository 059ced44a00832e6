// The rows of a CSV (UTF-8, a byte-order mark allowed) or XLSX file (its first sheet), streamed: each with its line
// (the CSV line where the record ends, the sheet's row number), the header row first. `bytesRead` follows the file
// for a progress bar's estimate.
import { createReadStream, statSync } from 'node:fs'
import { extname } from 'node:path'
import { parse } from 'csv-parse'
import ExcelJS from 'exceljs'

export interface FileRow { line: number; values: (string | undefined)[] }

export interface RowSource {
  rows: AsyncIterable<FileRow>
  /** Bytes of the file read so far. */
  bytesRead(): number
}

export function readRows(file: string): RowSource {
  // A missing file is said now, before a batch is started, not by a stream's error later.
  statSync(file)
  const stream = createReadStream(file, { highWaterMark: 1 << 20 })
  let bytes = 0
  stream.on('data', (chunk) => { bytes += chunk.length })
  const ext = extname(file).toLowerCase()
  if (ext === '.xlsx') return { rows: xlsxRows(stream), bytesRead: () => bytes }
  if (ext === '.csv' || ext === '.txt') return { rows: csvRows(stream), bytesRead: () => bytes }
  stream.destroy()
  throw new Error(`${file}: read .csv or .xlsx files (save other spreadsheets as one of them)`)
}

const text = (v: string) => { const t = v.trim(); return t === '' ? undefined : t }

async function* csvRows(stream: NodeJS.ReadableStream): AsyncIterable<FileRow> {
  const parser = stream.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true }))
  // pipe() does not pass a read error on: the parser's iteration would wait for ever.
  stream.on('error', (err) => parser.destroy(err))
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    yield { line: info.lines, values: record.map(text) }
  }
}

/** A sheet's date as its cell shows it: exceljs reads the wall-clock time as if it were UTC. */
function localTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`
}

function cellText(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined
  if (v instanceof Date) return localTime(v)
  if (typeof v === 'string') return text(v)
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string }
    if (o.richText) return text(o.richText.map((r) => r.text).join(''))
    if ('result' in o) return cellText(o.result)
    if (o.text !== undefined) return cellText(o.text)
    if (o.error) return o.error
  }
  return text(String(v))
}

async function* xlsxRows(stream: NodeJS.ReadableStream): AsyncIterable<FileRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream as never, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore' })
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      const values = (row.values as unknown[]).slice(1).map(cellText)
      if (values.some((v) => v !== undefined)) yield { line: row.number, values }
    }
    return
  }
}
