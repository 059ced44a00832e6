// CSV as Excel and WPS read it without asking: UTF-8 with a byte-order mark (else Excel guesses the ANSI code
// page and garbles Chinese), RFC 4180 quoting and CRLF line ends. A cell that a spreadsheet would run as a formula
// (starting with = + - @, or a tab or CR that hides one) gets a leading apostrophe: an export is opened by people
// who trust it, and a reporter's text must never become a formula on their machine.
import type { Cell } from './cells'

export const CSV_BOM = '\uFEFF'

const FORMULA_START = /^[=+\-@\t\r]/
const NEEDS_QUOTES = /[",\r\n]/

/** One cell's text; numbers stay numbers (a negative longitude is not a formula). */
export function csvCell(value: Cell): string {
  if (value === null) return ''
  if (typeof value === 'number') return String(value)
  const text = FORMULA_START.test(value) ? `'${value}` : value
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export function csvLine(cells: readonly Cell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`
}
