// Which column of a file gives which field: a header that is a field's name gives it, and `--map 列名=field,…`
// names the others (a county's own headers, in any language). A field given twice, or mapped from a header the
// file lacks, is a usage error before any row is read.
import type { FileRow } from './read-rows'

/** field → column index. */
export type ColumnMap = ReadonlyMap<string, number>

/** Parses `--map 事件编号=externalId,经度=lng,…`; the file's header is matched later. */
export function parseMapOption(raw: string | undefined, fields: readonly string[]): Map<string, string> {
  const map = new Map<string, string>()
  if (!raw) return map
  for (const pair of raw.split(',').map((p) => p.trim()).filter(Boolean)) {
    const eq = pair.lastIndexOf('=')
    if (eq <= 0) throw new Error(`--map: "${pair}" is not column=field`)
    const column = pair.slice(0, eq).trim()
    const field = pair.slice(eq + 1).trim()
    if (!fields.includes(field)) throw new Error(`--map: "${field}" is not a field of this kind; fields: ${fields.join(', ')}`)
    map.set(column, field)
  }
  return map
}

export function columnMap(header: FileRow, mapped: ReadonlyMap<string, string>, fields: readonly string[], required: readonly string[]): ColumnMap {
  const byField = new Map<string, number>()
  const headers = header.values.map((v) => v ?? '')
  for (const column of mapped.keys()) {
    if (!headers.includes(column)) throw new Error(`--map names the column "${column}", which the file's header lacks; its columns: ${headers.join(', ')}`)
  }
  headers.forEach((h, i) => {
    const field = mapped.get(h) ?? (fields.includes(h) ? h : undefined)
    if (field === undefined) return
    if (byField.has(field)) throw new Error(`two columns give ${field} ("${headers[byField.get(field)!]}" and "${h}"): map only one`)
    byField.set(field, i)
  })
  const missing = required.filter((f) => !byField.has(f))
  if (missing.length) {
    throw new Error(`the file has no column for ${missing.join(', ')}: name them in the header or map them (--map column=field); its columns: ${headers.join(', ')}`)
  }
  return byField
}

/** One row's cells by field. */
export function cellsOf(row: FileRow, columns: ColumnMap): Record<string, string | undefined> {
  const cells: Record<string, string | undefined> = {}
  for (const [field, i] of columns) cells[field] = row.values[i]
  return cells
}
