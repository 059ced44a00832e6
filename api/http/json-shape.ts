// One pass over a JSON text before JSON.parse sees it, for the two things JSON.parse cannot be trusted with:
// nesting depth (a 10,000-deep body must be refused in constant stack, not by a RangeError that may surface as a
// 500 elsewhere) and duplicate keys (JSON.parse silently keeps the last one, so `{"severity":"normal",
// "severity":"critical"}` would mean different things to different parsers along the way — a proxy or audit log
// that keeps the first would disagree with us. We refuse the ambiguity instead of picking a winner).
// The scan is iterative and tolerant: on malformed text it stops quietly and lets JSON.parse report the syntax.

/** Deep enough for every schema we accept (a point inside a body is depth 2; parties inside an array is 3). */
export const MAX_JSON_DEPTH = 32

export type ShapeProblem = { kind: 'too_deep'; depth: number } | { kind: 'duplicate_key'; key: string; path: string }

interface Frame { keys: Set<string> | null; name: string; expectKey: boolean }

export function checkJsonShape(text: string): ShapeProblem | null {
  const stack: Frame[] = []
  let duplicate: ShapeProblem | null = null
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    if (ch === 0x22 /* " */) {
      const start = i
      for (i++; i < text.length; i++) {
        const c = text.charCodeAt(i)
        if (c === 0x5c /* \ */) i++
        else if (c === 0x22) break
      }
      const top = stack[stack.length - 1]
      if (top?.keys && top.expectKey) {
        let key: string
        try { key = JSON.parse(text.slice(start, i + 1)) as string } catch { return duplicate }
        if (top.keys.has(key) && !duplicate) duplicate = { kind: 'duplicate_key', key, path: stack.map((f) => f.name).filter(Boolean).join('.') }
        top.keys.add(key)
        top.expectKey = false
        ;(top as Frame & { lastKey?: string }).lastKey = key
      }
    } else if (ch === 0x7b /* { */ || ch === 0x5b /* [ */) {
      const parent = stack[stack.length - 1] as (Frame & { lastKey?: string }) | undefined
      stack.push({ keys: ch === 0x7b ? new Set() : null, name: parent?.keys ? parent.lastKey ?? '' : '', expectKey: ch === 0x7b })
      if (stack.length > MAX_JSON_DEPTH) return { kind: 'too_deep', depth: MAX_JSON_DEPTH }
    } else if (ch === 0x7d /* } */ || ch === 0x5d /* ] */) {
      stack.pop()
    } else if (ch === 0x2c /* , */) {
      const top = stack[stack.length - 1]
      if (top?.keys) top.expectKey = true
    }
  }
  return duplicate
}
