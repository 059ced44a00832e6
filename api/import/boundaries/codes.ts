// The features' codes against the region tables: each must be a code of this county at the level imported, once,
// inside a region of the level above that exists; codes new to the level and codes that the file drops are listed
// (a merger or a split of villages is a real change, but one the person importing should see said).
import { SCOPE_CODE_LENGTH, scopeLevel } from '../../../domain/regions'
import type { BoundaryLevel } from '../../store/boundaries'
import type { BoundaryFeature } from './features'
import { featureLabel } from './features'

export interface CodeCheck {
  matched: number
  /** Codes in the file that the level in force does not have. */
  added: string[]
  /** Codes of the level in force that the file does not have. */
  dropped: string[]
  refused: string[]
}

const PARENT: Record<BoundaryLevel, 'county' | 'township' | 'village'> = { township: 'county', village: 'township', grid: 'village' }

/** `known`: the codes (and names) of the level in force; `parents`: the codes of the level above in force. */
export function checkCodes(features: BoundaryFeature[], level: BoundaryLevel, known: ReadonlyMap<string, string>, parents: ReadonlySet<string>): CodeCheck {
  const refused: string[] = []
  const seen = new Map<string, BoundaryFeature>()
  let matched = 0
  const added: string[] = []
  for (const f of features) {
    const label = featureLabel(f)
    if (scopeLevel(f.code) !== level) {
      refused.push(`${label}: "${f.code}" is not a ${level} code of this county (${SCOPE_CODE_LENGTH[level]} digits starting 330329); map the file's codes to them with --code-map`)
      continue
    }
    const twin = seen.get(f.code)
    if (twin) { refused.push(`${label} has the code of ${featureLabel(twin)}: one feature per region (join its parts into a MultiPolygon)`); continue }
    seen.set(f.code, f)
    const parent = f.code.slice(0, SCOPE_CODE_LENGTH[PARENT[level]])
    if (PARENT[level] !== 'county' && !parents.has(parent)) refused.push(`${label} lies in ${PARENT[level]} ${parent}, which the ${PARENT[level]} boundaries in force do not have: import that level first`)
    if (known.has(f.code)) matched++
    else added.push(`${f.code}${f.name ? ` ${f.name}` : ''}`)
  }
  const dropped = [...known].filter(([code]) => !seen.has(code)).map(([code, name]) => `${code} ${name}`)
  return { matched, added, dropped, refused }
}
