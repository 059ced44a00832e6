// Every user-visible label carries Chinese (shown first) and English (the language switch).
// Enumerations are declared as an `as const` id tuple plus a label table keyed by id, so the
// compiler proves every id has a label; `labelled` turns the pair into the ordered list the web shows.

export type Label = { readonly name: string; readonly nameEn: string }
export type Labelled<Id extends string> = Label & { readonly id: Id }

export function labelled<Id extends string, T extends Label>(
  ids: readonly Id[],
  table: Readonly<Record<Id, T>>,
): (T & { readonly id: Id })[] {
  return ids.map((id) => ({ id, ...table[id] }))
}

/** Narrowing membership test for the `as const` id tuples. */
export function isOneOf<Id extends string>(ids: readonly Id[], value: unknown): value is Id {
  return typeof value === 'string' && (ids as readonly string[]).includes(value)
}
