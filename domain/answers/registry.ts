// The answer schemas that /api/openapi.json lists under components/schemas: each registers here with its
// component name, and the document $refs it wherever an answer contains it, so a shape is written out once.
import { z } from 'zod'

export const answerComponents = z.registry<{ id: string; description?: string }>()

/** Registers an answer schema as a named component and returns it unchanged. */
export function component<S extends z.ZodType>(id: string, schema: S, description?: string): S {
  answerComponents.add(schema, description === undefined ? { id } : { id, description })
  return schema
}
