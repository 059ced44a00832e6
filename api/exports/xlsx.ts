// XLSX through exceljs's streaming WorkbookWriter: rows are committed as they come and the zip is written out as it
// grows, so a million rows never sit in memory. Cells are written as values, never as formulas, so a reporter's
// text starting with "=" stays text here without the CSV's apostrophe.
import { once } from 'node:events'
import { PassThrough, Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import type { Cell } from './cells'

/** Column width in characters: wide enough for a local time or a name, wider for free text. */
const widthOf = (head: string) => Math.max(10, Math.min(40, head.length * 2 + 4))

/**
 * The workbook of one sheet named `sheet` with the `heads` row (bold, frozen) and the rows of `pages`, as a web
 * stream. The writer waits while the reader is behind (the stream's buffer is full), so a slow download holds
 * one page at most; a download abandoned half way stops the reading.
 */
export function xlsxStream(sheet: string, heads: readonly string[], pages: AsyncIterator<Cell[][]>): ReadableStream<Uint8Array> {
  const out = new PassThrough()
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
  const ws = book.addWorksheet(sheet, { views: [{ state: 'frozen', ySplit: 1 }] })
  ws.columns = heads.map((h) => ({ header: h, width: widthOf(h) }))
  ws.getRow(1).font = { bold: true }
  void (async () => {
    try {
      for (;;) {
        if (out.destroyed) { await pages.return?.(); return }
        const { value, done } = await pages.next()
        if (done) break
        for (const cells of value) ws.addRow(cells).commit()
        // Let the zip deflate what was committed before the next page: a page read from SQLite resolves without
        // leaving the microtask queue, and the writer ignores backpressure, so without this turn of the event loop
        // the whole sheet would pile up in memory and the first byte leave at the very end.
        await new Promise((resolve) => setImmediate(resolve))
        while (out.writableNeedDrain && !out.destroyed) await once(out, 'drain')
      }
      ws.commit()
      await book.commit()
    } catch (err) {
      out.destroy(err as Error)
    }
  })()
  return Readable.toWeb(out) as ReadableStream<Uint8Array>
}
