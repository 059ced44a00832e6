// Readable cell values for an export: labels in the chosen language, local times (UTC+8) as the offices write
// them, place names instead of codes. The JSON keeps ids and ISO instants; a spreadsheet is read by people.
import { LOCAL_OFFSET_MS } from '../../domain/calendar'
import type { ExportLang } from './format'

export type Cell = string | number | null

/** What a column may need besides its record: the language and the names of places by code. */
export interface CellContext {
  lang: ExportLang
  place: (code: string) => string
}

/** `YYYY-MM-DD HH:mm` in the county's time (UTC+8); empty for no time. */
export function localTime(at: string | number | null): Cell {
  if (at === null) return null
  const t = typeof at === 'number' ? at : Date.parse(at)
  return new Date(t + LOCAL_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ')
}

/** The label of `id` in a domain list (zh name or English); the id itself when the list does not hold it. */
type LabelList = readonly { id: string; name: string; nameEn: string }[]
/** Each list indexed once: a million rows look up several labels each. */
const indexes = new WeakMap<LabelList, Map<string, { name: string; nameEn: string }>>()

export function labelOf(list: LabelList, id: string | null, lang: ExportLang): Cell {
  if (id === null) return null
  let index = indexes.get(list)
  if (!index) { index = new Map(list.map((l) => [l.id, l])); indexes.set(list, index) }
  const found = index.get(id)
  return found ? (lang === 'zh' ? found.name : found.nameEn) : id
}

export const yesNo = (value: boolean, lang: ExportLang): string => (value ? (lang === 'zh' ? '是' : 'yes') : (lang === 'zh' ? '否' : 'no'))

/** A place code's name, or nothing for no place. */
export const placeName = (code: string | null, cx: CellContext): Cell => (code === null ? null : cx.place(code))
