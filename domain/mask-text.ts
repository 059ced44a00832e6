// Free text (a description, a note, a warning) can carry the same personal data the structured fields do: a
// reporter writes "联系人13912345678" or an ID number into the description. Walls mask the structured fields
// (mask.ts); this finds phone numbers, ID numbers and bank cards inside text and masks each with the same rule, so
// the wall shows "139****5678" whether the number came in a field or in a sentence.
//
// What is left alone matters as much: dates (20261207, 2026-12-07), times, amounts, counts, record ids, coordinates
// and NBS region codes (9, 12 and 14 digits starting 330329). Every number is taken whole: a pattern only matches
// a run of digits that is not part of a longer run or of a decimal, so a 12-digit village code or a 14-digit grid
// code is never read as a phone with digits to spare. Lengths then decide: mobiles are 11 digits starting 13–19
// (13 with the 86 in front), landlines start with a 0 area code, old ID numbers are 15 digits with a valid birth
// date, and 16–19 digits (an ID number, a bank card) are always masked. No region code has 11, 15 or 16+ digits or
// starts with 0 or 1, so none can match.
import { maskIdNumber, maskPhone } from './mask'

/** Full-width forms an IME types (１３９, ＋８６, （０５７７）, Ｘ) read as their ASCII twins; one UTF-16 unit each. */
function halfWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e\u3000]/g, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)))
}

const SEP = '[ -]?'
const DAY = '(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])'
/** A number starts and ends on a whole run: no digit next to it, no decimal point joining it to more digits. */
const START = '(?<!\\d)(?<!\\d\\.)'
const END = '(?![\\dXx])(?!\\.\\d)'

const PATTERNS = {
  // 18-digit resident ID (last character may be X), or the 15-digit one (2-digit year, no check character).
  id18: `[1-9]\\d{5}${SEP}(?:18|19|20)\\d{2}${DAY}${SEP}\\d{3}[\\dXx]`,
  id15: `[1-8]\\d{5}\\d{2}${DAY}\\d{3}`,
  // Bank cards and anything else of 16–19 digits, written whole or in groups of four.
  card: `\\d{16,19}|\\d{4}(?:[ -]\\d{4}){3}(?:[ -]?\\d{1,3})?`,
  // Mobiles, with or without the country code in front: +86, 86-, 0086, (+86).
  mobile: `(?:(?:\\(\\+?86\\)|(?:\\+|00)?86)[ -]?)?1[3-9]\\d${SEP}\\d{4}${SEP}\\d{4}`,
  // Landlines: a 3–4 digit area code starting 0, then a 7–8 digit local number (which never starts with 0 or 1).
  landline: `(?:\\(0[1-9]\\d{1,2}\\)|0[1-9]\\d{1,2})${SEP}[2-9]\\d{2,3}${SEP}\\d{4}`,
} as const

type Kind = keyof typeof PATTERNS
const KINDS = Object.keys(PATTERNS) as Kind[]
const FINDER = new RegExp(KINDS.map((k) => `(?<${k}>${START}(?:${PATTERNS[k]})${END})`).join('|'), 'g')

/** A mobile's country code as written ("+86 ", "(+86)", "86-"): kept, so the masked number still reads as one. */
const COUNTRY = /^(?:\(\+?86\)|(?:\+|00)?86)[ -]?(?=1[3-9])/
/** An amount is not a phone: "¥13800000000", "13800000000元". */
const MONEY_BEFORE = /[¥￥$]$/
const MONEY_AFTER = /^[元万亿%]/

/** The significant characters of a written number (digits and the ID's X), as written: full-width stays full-width. */
function digitsOf(original: string, normal: string): string {
  let out = ''
  for (let i = 0; i < normal.length; i++) if (/[\dXx]/.test(normal[i]!)) out += original[i]
  return out
}

function masked(kind: Kind, original: string, normal: string): string {
  if (kind === 'mobile') {
    const country = COUNTRY.exec(normal)?.[0].length ?? 0
    return original.slice(0, country) + maskPhone(digitsOf(original.slice(country), normal.slice(country)))
  }
  if (kind === 'landline') return maskPhone(digitsOf(original, normal))
  return maskIdNumber(digitsOf(original, normal))
}

/**
 * The text with every phone number, resident ID number and bank-card-like number masked as the structured fields
 * are ('139****5678', '330329********123X'); everything else as it was.
 */
export function maskFreeText(text: string): string {
  const normal = halfWidth(text)
  let out = ''
  let last = 0
  for (const m of normal.matchAll(FINDER)) {
    const at = m.index
    const end = at + m[0].length
    if (MONEY_BEFORE.test(normal.slice(0, at)) || MONEY_AFTER.test(normal.slice(end))) continue
    const kind = KINDS.find((k) => m.groups![k] !== undefined)!
    out += text.slice(last, at) + masked(kind, text.slice(at, end), m[0])
    last = end
  }
  return out + text.slice(last)
}
