// The hand-written XLSX: a workbook Excel's readers open (read back here with exceljs), heads bold and frozen,
// numbers as numbers, text verbatim and never a formula, characters XML cannot hold escaped as Excel escapes
// them, and pages read only as the client takes the bytes (a slow or abandoned download holds one page).
import ExcelJS from 'exceljs'
import { describe, expect, test } from 'vitest'
import type { Cell } from '../../api/exports/cells'
import { columnLetters, escapeXml, sheetName } from '../../api/exports/spreadsheet-ml'
import { xlsxStream } from '../../api/exports/xlsx'

async function* pagesOf(pages: Cell[][][]): AsyncGenerator<Cell[][]> { yield* pages }

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  return Buffer.from(await new Response(stream).arrayBuffer())
}

describe('the workbook', () => {
  test('exceljs reads the sheet: heads bold and frozen, values and types as written, empty cells absent', async () => {
    const long = '长'.repeat(40_000)
    const bytes = await bytesOf(xlsxStream('事件', ['编号', '描述', '经度', '空'], pagesOf([
      [[1, '=HYPERLINK("http://evil.example","点我")', 119.708034, null], [2, ' 前后空格 ', -0.5, '']],
      [[3, '含"引号"<b>&amp;\n换行', 0, null], [4, long, null, null]],
    ])))
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(bytes as unknown as ArrayBuffer)
    expect(book.worksheets).toHaveLength(1)
    const sheet = book.worksheets[0]!
    expect(sheet.name).toBe('事件')
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true)
    const rows: unknown[][] = []
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)))
    expect(rows[0]).toEqual(['编号', '描述', '经度', '空'])
    expect(rows[1]).toEqual([1, '=HYPERLINK("http://evil.example","点我")', 119.708034])
    expect(sheet.getRow(2).getCell(2).type).toBe(ExcelJS.ValueType.String)
    expect(rows[2]).toEqual([2, ' 前后空格 ', -0.5])
    expect(rows[3]).toEqual([3, '含"引号"<b>&amp;\n换行', 0])
    expect(rows[4]![1]).toBe('长'.repeat(32767))
    expect(sheet.getColumn(2).width).toBeGreaterThanOrEqual(10)
  })

  test('text XML cannot hold is escaped as Excel writes it; sheet names and column letters as Excel allows', () => {
    expect(escapeXml('a\u0001b\rc\td\ne')).toBe('a_x0001_b_x000D_c\td\ne')
    expect(escapeXml('_x0041_')).toBe('_x005F_x0041_')
    expect(escapeXml('bad \uD800 pair 😀')).toBe('bad \uFFFD pair 😀')
    expect(escapeXml('<&>"')).toBe('&lt;&amp;&gt;&quot;')
    expect(sheetName('a/b[c]:d*e?f\\g'.repeat(4))).toHaveLength(31)
    expect(sheetName('[]')).toBe('Sheet1')
    expect([0, 25, 26, 27, 701, 702].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA'])
  })
})

describe('flat memory', () => {
  test('a page is read only when the client has taken the bytes before it; cancelling stops the pages', async () => {
    let read = 0
    let stopped = false
    const row = Array.from({ length: 20 }, (_, i) => `第${i}列：一段足够长、压缩后仍有分量的文字 ${Math.sin(i)}`)
    async function* endless(): AsyncGenerator<Cell[][]> {
      try {
        for (;;) {
          read++
          // Rows that differ, so the deflated page is not a few bytes.
          yield Array.from({ length: 2000 }, (_, r) => row.map((text) => `${text}${r * read}`))
        }
      } finally { stopped = true }
    }
    const stream = xlsxStream('s', row, endless())
    const reader = stream.getReader()
    let bytes = 0
    while (bytes < 300_000) bytes += (await reader.read()).value!.byteLength
    const readWhenTaken = read
    // Nobody reads for a while: the writer may fill the deflater's input and the one page buffered before it,
    // but goes no further however long the client waits.
    for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve))
    expect(read).toBeLessThanOrEqual(readWhenTaken + 2)
    // 300 KB of deflated sheet is a few pages of 2,000 rows, never dozens.
    expect(read).toBeLessThan(20)
    await reader.cancel()
    expect(stopped).toBe(true)
  })
})
