// The layers of docs/architecture.md, held by reading every import: domain/ is pure, routes ask services (never the
// store), services know no HTTP, the store knows no services or routes, and the web takes only types from api/.
// A failure names the file and the import that crossed a line; move the code to the layer that may own it.
import { readFileSync, readdirSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../..')

interface Import { file: string; spec: string; target: string | null; typeOnly: boolean }

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|vue)$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)))
}

/** Every static import and re-export, and every dynamic import(), of a file; `target` is repo-relative for relative specs. */
function importsOf(file: string): Import[] {
  const text = readFileSync(join(ROOT, file), 'utf8')
  const found: Import[] = []
  const add = (spec: string, typeOnly: boolean) => {
    const target = spec.startsWith('.') ? relative(ROOT, resolve(ROOT, dirname(file), spec)) : null
    found.push({ file, spec, target, typeOnly })
  }
  // `import … from '…'` / `export … from '…'`, over several lines; the clause holds no quote.
  for (const m of text.matchAll(/(?:^|[\n;])\s*(import|export)\s+([^'";]*?)\s*from\s*['"]([^'"]+)['"]/g)) {
    add(m[3]!, /^type\s/.test(m[2]!))
  }
  // `import '…'` (for its side effects) and `import('…')`.
  for (const m of text.matchAll(/(?:^|[\n;])\s*import\s*['"]([^'"]+)['"]/g)) add(m[1]!, false)
  for (const m of text.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) add(m[1]!, false)
  return found
}

const under = (path: string | null, dir: string) => path !== null && (path === dir || path.startsWith(`${dir}/`))
const show = (i: Import) => `${i.file}: ${i.typeOnly ? 'import type ' : ''}'${i.spec}'`

/** The imports of the files under `dir` that break `forbidden`. */
function breaches(dir: string, forbidden: (i: Import) => boolean): string[] {
  return sourceFiles(dir).flatMap(importsOf).filter(forbidden).map(show)
}

describe('layers (docs/architecture.md)', () => {
  it('reads the imports it judges (a multi-line, a type-only and a dynamic one)', () => {
    const routes = importsOf('api/routes/incidents.ts')
    expect(routes.some((i) => i.spec === 'hono' && !i.typeOnly)).toBe(true)
    expect(routes.some((i) => i.target === 'api/auth/principal' && i.typeOnly)).toBe(true)
    expect(sourceFiles('api/routes').length).toBeGreaterThan(5)
    expect(sourceFiles('web/src').some((f) => f.endsWith('.vue'))).toBe(true)
  })

  it('domain/ imports nothing from api/, web/ or node:', () => {
    expect(breaches('domain', (i) => under(i.target, 'api') || under(i.target, 'web') || i.spec.startsWith('node:'))).toEqual([])
  })

  it('api/routes/ import no store module, not even a type (a route that needs data asks a service)', () => {
    expect(breaches('api/routes', (i) => under(i.target, 'api/store'))).toEqual([])
  })

  it('api/services/ import nothing from api/http/ (no HTTP below the routes)', () => {
    expect(breaches('api/services', (i) => under(i.target, 'api/http'))).toEqual([])
  })

  it('api/store/ imports no services or routes', () => {
    expect(breaches('api/store', (i) => under(i.target, 'api/services') || under(i.target, 'api/routes'))).toEqual([])
  })

  it('web/ imports nothing from api/ at run time (import type only)', () => {
    expect(breaches('web', (i) => under(i.target, 'api') && !i.typeOnly)).toEqual([])
  })
})
