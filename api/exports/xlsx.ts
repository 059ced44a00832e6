// XLSX written by hand: the SpreadsheetML parts (spreadsheet-ml.ts) in a zip written as it goes (zip.ts). The
// sheet's XML is made a page at a time, only when the client has taken what came before, so the server holds
// one page and the deflater's buffers whatever the row count (exceljs's streaming writer, used before, let its
// zip stage run ahead of the client: 1.5 GB resident for a million rows).
import type { Cell } from './cells'
import { CONTENT_TYPES, PACKAGE_RELS, SheetWriter, STYLES, WORKBOOK_RELS, workbook } from './spreadsheet-ml'
import { zipStream } from './zip'

/** The sheet's XML as chunks: the heads, a chunk per page of rows, the end. Stopping early stops the pages. */
async function* sheetChunks(heads: readonly string[], pages: AsyncIterator<Cell[][]>): AsyncGenerator<Buffer> {
  const sheet = new SheetWriter(heads)
  let finished = false
  try {
    yield Buffer.from(sheet.start(), 'utf8')
    for (let page = await pages.next(); !page.done; page = await pages.next()) {
      yield Buffer.from(sheet.rows(page.value), 'utf8')
    }
    finished = true
    yield Buffer.from(sheet.end(), 'utf8')
  } finally {
    if (!finished) await pages.return?.(undefined)
  }
}

/** The workbook's bytes, in the order a reader expects them (content types first). */
export function xlsxChunks(sheet: string, heads: readonly string[], pages: AsyncIterator<Cell[][]>, at?: Date): AsyncGenerator<Buffer> {
  const text = (s: string) => Buffer.from(s, 'utf8')
  return zipStream([
    { name: '[Content_Types].xml', data: text(CONTENT_TYPES) },
    { name: '_rels/.rels', data: text(PACKAGE_RELS) },
    { name: 'xl/workbook.xml', data: text(workbook(sheet)) },
    { name: 'xl/_rels/workbook.xml.rels', data: text(WORKBOOK_RELS) },
    { name: 'xl/styles.xml', data: text(STYLES) },
    { name: 'xl/worksheets/sheet1.xml', data: sheetChunks(heads, pages) },
  ], { at })
}

/**
 * The workbook of one sheet named `sheet` with the `heads` row (bold, frozen) and the rows of `pages`, as a web
 * stream read only as the client takes it: each pull asks the zip for its next chunk. A download abandoned half
 * way stops the reading of pages.
 */
export function xlsxStream(sheet: string, heads: readonly string[], pages: AsyncIterator<Cell[][]>): ReadableStream<Uint8Array> {
  const chunks = xlsxChunks(sheet, heads, pages)
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await chunks.next()
      if (done) controller.close()
      else controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength))
    },
    async cancel() { await chunks.return(undefined) },
  }, { highWaterMark: 0 })
}
