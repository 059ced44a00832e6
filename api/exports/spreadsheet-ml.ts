// The few SpreadsheetML parts a one-sheet workbook needs, as text: the package's content types and relationships,
// the workbook, a style sheet with a bold font for the heads, and the sheet, written row by row. Strings are
// inline (`t="inlineStr"`): a shared-strings table would have to hold every distinct text until the end, and an
// export must not grow with its rows. Cells are values, never formulas, so a text starting with "=" stays text.
import type { Cell } from './cells'

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships'
const TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml'

export const CONTENT_TYPES = `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  `<Override PartName="/xl/workbook.xml" ContentType="${TYPE}.sheet.main+xml"/>` +
  `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${TYPE}.worksheet+xml"/>` +
  `<Override PartName="/xl/styles.xml" ContentType="${TYPE}.styles+xml"/></Types>`

export const PACKAGE_RELS = `${XML}<Relationships xmlns="${PKG_REL}">` +
  `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`

export const WORKBOOK_RELS = `${XML}<Relationships xmlns="${PKG_REL}">` +
  `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
  `<Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/></Relationships>`

/** Style 0 plain, style 1 bold (the heads). */
export const STYLES = `${XML}<styleSheet xmlns="${MAIN}">` +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
  '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'

/** A sheet's name as Excel allows it: at most 31 characters, none of : \ / ? * [ ]. */
export function sheetName(name: string): string {
  return name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31).trim() || 'Sheet1'
}

export function workbook(sheet: string): string {
  return `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>` +
    `<sheet name="${escapeXml(sheetName(sheet))}" sheetId="1" r:id="rId1"/></sheets></workbook>`
}

// Characters XML 1.0 cannot hold (C0 controls but tab and line feed; carriage return, which XML folds into a line
// feed) are written as Excel writes them, `_xHHHH_`; a text that already looks like such an escape gets its
// underscore escaped, so it reads back as itself. Unpaired surrogates become U+FFFD, as UTF-8 encoding would.
// The quick test is one character class (an alternation with the `_xHHHH_` pattern made it 8× slower, and it runs
// on every text cell); a text with an underscore goes through the replace, which escapes only such patterns.
const NEEDS_WORK = /[&<>"\u0000-\u0008\u000B-\u001F\uD800-\uDFFF\uFFFE\uFFFF_]/
const SPECIAL = /[&<>"]|[\u0000-\u0008\u000B-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|_(?=x[0-9A-Fa-f]{4}_)/g
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }

export function escapeXml(text: string): string {
  if (!NEEDS_WORK.test(text)) return text
  return text.replace(SPECIAL, (ch) => {
    const entity = ENTITY[ch]
    if (entity) return entity
    if (ch === '_') return '_x005F_'
    const code = ch.charCodeAt(0)
    if (code >= 0xd800 && code <= 0xdfff) return '\uFFFD'
    return `_x${code.toString(16).toUpperCase().padStart(4, '0')}_`
  })
}

/** A cell holds at most 32,767 characters: Excel repairs (and warns about) a file with a longer one. */
const CELL_MAX = 32767

/** `A`, `B`, … `Z`, `AA`, … for a column's 0-based index. */
export function columnLetters(index: number): string {
  let name = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name
  return name
}

/** One cell; nothing for an empty cell (the sheet stays sparse, as Excel writes it). */
function cellXml(value: Cell, ref: string, style: string): string {
  if (value === null) return ''
  if (typeof value === 'number') {
    return Number.isFinite(value) ? `<c r="${ref}"${style}><v>${value}</v></c>` : cellXml(String(value), ref, style)
  }
  const text = value.length > CELL_MAX ? value.slice(0, CELL_MAX) : value
  if (text === '') return ''
  // XML's white space (space, tab, CR, LF) at either end is kept only when the text says so.
  const space = text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32 ? ' xml:space="preserve"' : ''
  return `<c r="${ref}"${style} t="inlineStr"><is><t${space}>${escapeXml(text)}</t></is></c>`
}

/** Column width in characters: wide enough for a local time or a name, wider for free text. */
const widthOf = (head: string) => Math.max(10, Math.min(40, head.length * 2 + 4))

/** The sheet's rows, numbered from 1; row 1 (the heads) is bold and frozen. */
export class SheetWriter {
  private readonly letters: string[]
  private next = 1

  constructor(private readonly heads: readonly string[]) {
    this.letters = heads.map((_, i) => columnLetters(i))
  }

  /** The sheet's start up to and including the head row. */
  start(): string {
    const cols = this.heads.map((h, i) => `<col min="${i + 1}" max="${i + 1}" width="${widthOf(h)}" customWidth="1"/>`).join('')
    return `${XML}<worksheet xmlns="${MAIN}" xmlns:r="${REL}">` +
      '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
      '<selection pane="bottomLeft"/></sheetView></sheetViews>' +
      `<sheetFormatPr defaultRowHeight="15"/>${cols ? `<cols>${cols}</cols>` : ''}<sheetData>` +
      this.rows([this.heads as Cell[]], ' s="1"')
  }

  rows(rows: readonly (readonly Cell[])[], style = ''): string {
    const parts: string[] = []
    for (const cells of rows) {
      const r = this.next++
      parts.push(`<row r="${r}">`)
      for (let i = 0; i < cells.length; i++) parts.push(cellXml(cells[i]!, `${this.letters[i] ?? columnLetters(i)}${r}`, style))
      parts.push('</row>')
    }
    return parts.join('')
  }

  end(): string {
    return '</sheetData></worksheet>'
  }
}
