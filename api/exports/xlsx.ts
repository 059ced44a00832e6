// XLSX through exceljs's streaming WorkbookWriter: rows are committed as they come and the zip is written out as it
// grows, so a million rows never sit in memory. Cells are written as values, never as formulas, so a reporter's
// text starting with "=" stays text here without the CSV's apostrophe.
import { once } from 'node:events'
import { PassThrough } from 'node:stream'
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
        // Let the zip deflate what was committed before the next page. The sheet's writer pushes into the zip
        // entry without heeding backpressure, and a page read from SQLite resolves without leaving the microtask
        // queue, so the deflate (on the thread pool, one callback per turn of the event loop) fell behind and
        // the sheet piled up in memory. Wait while the entry's input holds more than a page's worth.
        await new Promise((resolve) => setImmediate(resolve))
        await drained(ws, out)
        while (out.writableNeedDrain && !out.destroyed) await once(out, 'drain')
      }
      ws.commit()
      await book.commit()
    } catch (err) {
      out.destroy(err as Error)
    }
  })()
  return pulled(out)
}

/** Bytes the zip entry may hold unread before the next page is written (a page is ~2 MB of sheet XML). */
const ENTRY_BACKLOG = 4 * 1024 * 1024

/**
 * Waits until the zip entry the sheet writes into has taken its input: exceljs's writer (a StreamBuf) pipes into
 * the entry's stream (`pipes[0]`), whose writableLength is the backlog. Internals of exceljs 4.4 (pinned): when
 * absent, nothing is awaited.
 */
async function drained(ws: object, out: PassThrough) {
  const sink = (ws as unknown as { _stream?: { pipes?: NodeJS.WritableStream[] } })._stream?.pipes?.[0] as (NodeJS.WritableStream & { writableLength?: number }) | undefined
  while (sink && (sink.writableLength ?? 0) > ENTRY_BACKLOG && !out.destroyed) {
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

/**
 * The zip as a web stream read only as the client takes it: a chunk per pull, so `out` fills and the writer above
 * waits for its drain. Node 20's Readable.toWeb reads eagerly, and a slow client let the whole file pile up in
 * the server (1M rows: 1.4 GB resident half way).
 */
function pulled(out: PassThrough): ReadableStream<Uint8Array> {
  // A failed export must not take the process down while nobody is reading: the error goes to the next pull.
  out.on('error', () => {})
  const settled = () => new Promise<void>((resolve) => {
    const done = () => { for (const e of ['readable', 'end', 'error', 'close']) out.off(e, done); resolve() }
    for (const e of ['readable', 'end', 'error', 'close']) out.on(e, done)
  })
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        const chunk = out.read() as Buffer | null
        if (chunk !== null) { controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)); return }
        if (out.errored) { controller.error(out.errored); return }
        if (out.readableEnded || out.destroyed) { controller.close(); return }
        await settled()
      }
    },
    cancel() { out.destroy() },
  }, { highWaterMark: 0 })
}
