// Characters that change how text reads without being seen: bidirectional overrides and isolates can make
// "lanoitan" display as "national" (or reorder a phone number on a wall), zero-width characters hide inside words
// so two identical-looking descriptions differ, and a byte-order mark has no business inside text. Text carrying
// one is refused (with where it is and which it is) rather than stored and shown to someone who cannot see it.

export const INVISIBLE_CHARACTERS: Readonly<Record<number, string>> = {
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE (byte-order mark)',
}

export interface InvisibleCharacter {
  /** Where it is, counting characters (code points) from 0. */
  index: number
  /** 'U+202E'. */
  codePoint: string
  name: string
}

/** The first invisible formatting character in the text, or null. */
export function findInvisible(text: string): InvisibleCharacter | null {
  let index = 0
  for (const ch of text) {
    const cp = ch.codePointAt(0)!
    const name = INVISIBLE_CHARACTERS[cp]
    if (name !== undefined) return { index, codePoint: `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`, name }
    index++
  }
  return null
}

/** What to tell a client about one: which character, where, and what to do. */
export function describeInvisible({ index, codePoint, name }: InvisibleCharacter): string {
  return `invisible character ${codePoint} ${name} at index ${index} (counting characters from 0); it makes text read differently from what is stored: remove it`
}
