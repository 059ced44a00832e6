// Personal data on wall screens is masked: a command centre wall is seen by visitors and cameras.
// Masks keep just enough to tell records apart (surname, phone prefix and tail, ID region and tail).
// Characters are counted as code points so names with rare (astral) characters mask correctly.

const STAR = '*'

/** Keeps the first character: '张三丰' → '张**', '李四' → '李*'; a one-character name becomes '*'. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim())
  if (chars.length === 0) return ''
  if (chars.length === 1) return STAR
  return chars[0] + STAR.repeat(chars.length - 1)
}

/**
 * '13812345678' → '138****5678'. Spaces and dashes are dropped first. Numbers of 8+ characters keep
 * the first 3 and last 4; shorter ones keep only the last 2; anything under 3 is fully masked.
 */
export function maskPhone(phone: string): string {
  const chars = Array.from(phone.replace(/[\s-]/g, ''))
  const n = chars.length
  if (n >= 8) return chars.slice(0, 3).join('') + STAR.repeat(n - 7) + chars.slice(-4).join('')
  if (n >= 3) return STAR.repeat(n - 2) + chars.slice(-2).join('')
  return STAR.repeat(n)
}

/**
 * Resident ID numbers (18 or the old 15 characters): keep the 6-digit region code and the last 4,
 * '330329199001011234' → '330329********1234'. Other lengths keep only the last 4.
 */
export function maskIdNumber(id: string): string {
  const chars = Array.from(id.trim())
  const n = chars.length
  if (n >= 15) return chars.slice(0, 6).join('') + STAR.repeat(n - 10) + chars.slice(-4).join('')
  if (n > 4) return STAR.repeat(n - 4) + chars.slice(-4).join('')
  return STAR.repeat(n)
}
