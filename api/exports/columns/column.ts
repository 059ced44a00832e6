// What an export writes of a record kind: its name (the file's and the sheet's) and its columns, each a head in
// both languages and the readable value of one list item.
import type { Cell, CellContext } from '../cells'

export interface ExportColumn<T> {
  zh: string
  en: string
  value: (item: T, cx: CellContext) => Cell
}

export interface ExportKind<T> {
  /** The file name's stem: ASCII, the kind's list route (`incidents-20260701.csv`). */
  id: string
  zh: string
  en: string
  columns: readonly ExportColumn<T>[]
}
