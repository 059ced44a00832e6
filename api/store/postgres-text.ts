// Turns the store's SQL (the common language, with SQLite's parameter marks) into what PostgreSQL reads:
// `@name` and `?` become $1, $2 … with the values in that order, and camelCase aliases are quoted (PostgreSQL
// folds unquoted names to lower case; the store's rows are read back by their camelCase names). String
// literals, quoted names and comments are left alone. Each distinct text is translated once.
import type { Params } from './sql'

export interface PostgresText {
  text: string
  /** How to pick the values from the params, in $n order: a name, or the index of a `?`. */
  slots: Array<string | number>
}

const cache = new Map<string, PostgresText>()
const CACHE_LIMIT = 2000

const CAMEL = /^[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*$/

export function postgresText(sql: string): PostgresText {
  let out = cache.get(sql)
  if (!out) {
    if (cache.size >= CACHE_LIMIT) cache.clear()
    out = translate(sql)
    cache.set(sql, out)
  }
  return out
}

export function postgresValues(t: PostgresText, params: Params | undefined): unknown[] {
  if (params === undefined) return []
  if (Array.isArray(params)) return t.slots.map((s) => normalise((params as unknown[])[s as number]))
  const named = params as Record<string, unknown>
  return t.slots.map((s) => {
    if (!(s in named)) throw new Error(`SQL parameter @${String(s)} has no value`)
    return normalise(named[s as string])
  })
}

// SQLite binds booleans as 0/1 and undefined is not a value; PostgreSQL's integer columns want the same.
const normalise = (v: unknown) => (v === undefined ? null : v === true ? 1 : v === false ? 0 : v)

function translate(sql: string): PostgresText {
  const aliases = new Set<string>()
  for (const m of sql.matchAll(/\bAS\s+([A-Za-z_][A-Za-z0-9_]*)/gi)) if (CAMEL.test(m[1]!)) aliases.add(m[1]!)
  const slots: Array<string | number> = []
  const named = new Map<string, number>()
  let positional = 0
  let text = ''
  let i = 0
  while (i < sql.length) {
    const ch = sql[i]!
    if (ch === "'" || ch === '"') {
      const end = closing(sql, i, ch)
      text += sql.slice(i, end)
      i = end
    } else if (ch === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i)
      const stop = end === -1 ? sql.length : end
      text += sql.slice(i, stop)
      i = stop
    } else if (ch === '?') {
      slots.push(positional++)
      text += `$${slots.length}`
      i++
    } else if (ch === '@' && /[A-Za-z_]/.test(sql[i + 1] ?? '')) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i + 1))!
      const name = m[0]
      let n = named.get(name)
      if (n === undefined) { slots.push(name); n = slots.length; named.set(name, n) }
      text += `$${n}`
      i += 1 + name.length
    } else if (/[A-Za-z_]/.test(ch) && !/[A-Za-z0-9_$.]/.test(sql[i - 1] ?? ' ')) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i))!
      text += aliases.has(m[0]) ? `"${m[0]}"` : m[0]
      i += m[0].length
    } else {
      text += ch
      i++
    }
  }
  return { text, slots }
}

/** The index just past the literal or quoted name that opens at `start` (a doubled quote stays inside). */
function closing(sql: string, start: number, quote: string): number {
  let i = start + 1
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) { i += 2; continue }
      return i + 1
    }
    i++
  }
  return sql.length
}
