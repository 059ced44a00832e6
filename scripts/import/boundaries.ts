// npm run import -- boundaries: a level's polygons from a county's own file as a new boundary version, after a
// validation report (docs/import-boundaries.md). Exit 0 stored (or a clean dry run), 1 refused, 2 a usage mistake.
import { readFileSync } from 'node:fs'
import { userInfo } from 'node:os'
import { parseArgs } from 'node:util'
import { openCliStore } from '../../api/cli-store'
import { parseCodeMap } from '../../api/import/boundaries/features'
import { BoundaryFileError } from '../../api/import/boundaries/gdal'
import { importBoundaries } from '../../api/import/boundaries/import'
import type { ReassignPlan } from '../../api/import/boundaries/reassign'
import { DEFAULT_TOLERANCE_PCT } from '../../api/import/boundaries/tolerance'
import { BOUNDARY_LEVELS } from '../../api/store/boundaries'
import type { BoundaryLevel } from '../../api/store/boundaries'
import { LOCAL_OFFSET_ISO, LOCAL_OFFSET_MS } from '../../domain/calendar'

export const USAGE = `usage: npm run import -- boundaries --level township|village|grid --file F [options]
  --file F          GeoJSON, a zipped Shapefile (.zip with its .prj), or a GeoPackage; GDAL reprojects to WGS84
  --layer NAME      the layer, when the file has several
  --code-field K    the field holding each region's code (default: id, code, XZQDM, …)
  --name-field K    the field holding its name (default: name, XZQMC, …)
  --code-map FILE   the county's own codes → NBS codes (JSON object, or two columns: theirs,ours)
  --crs gcj02       the coordinates are GCJ-02 (Amap, Tencent) and are converted to WGS84
  --from YYYY-MM-DD the day (Taishun time) the boundaries take force; default: now
  --tolerance PCT   gaps, overlaps and area outside allowed, each, in % of the area above (default ${DEFAULT_TOLERANCE_PCT})
  --dry-run         validate and report; write nothing
  --reassign        count the records dated from --from on that the new boundaries move; with --yes, store the
                    version and move them in one transaction`

interface Io { out: (line: string) => void; err: (line: string) => void }

const isLevel = (s: string | undefined): s is BoundaryLevel => BOUNDARY_LEVELS.includes(s as BoundaryLevel)

/** Midnight of a Taishun day, or null for text that is not a real YYYY-MM-DD date. */
function dayStart(text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null
  const t = Date.parse(`${text}T00:00:00${LOCAL_OFFSET_ISO}`)
  return Number.isNaN(t) || new Date(t + LOCAL_OFFSET_MS).toISOString().slice(0, 10) !== text ? null : t
}

export async function run(args: string[], io: Io = { out: console.log, err: console.error }, env = process.env, now = Date.now()): Promise<number> {
  let o
  try {
    o = parseArgs({
      args, strict: true, allowPositionals: false,
      options: {
        level: { type: 'string' }, file: { type: 'string' }, layer: { type: 'string' }, 'code-field': { type: 'string' }, 'name-field': { type: 'string' },
        'code-map': { type: 'string' }, crs: { type: 'string' }, from: { type: 'string' }, tolerance: { type: 'string' },
        'dry-run': { type: 'boolean' }, reassign: { type: 'boolean' }, yes: { type: 'boolean' }, help: { type: 'boolean' },
      },
    }).values
  } catch (err) {
    io.err(`${(err as Error).message}\n${USAGE}`)
    return 2
  }
  if (o.help) { io.out(USAGE); return 0 }
  const usage = (message: string) => { io.err(`${message}\n${USAGE}`); return 2 }
  if (!isLevel(o.level)) return usage(`--level must be one of ${BOUNDARY_LEVELS.join(', ')}`)
  if (!o.file) return usage('--file is required')
  if (o.crs !== undefined && o.crs !== 'gcj02') return usage(`--crs takes only gcj02 (other coordinate systems are read from the file by GDAL), not "${o.crs}"`)
  const validFrom = o.from === undefined ? now : dayStart(o.from)
  if (validFrom === null) return usage(`--from must be a date YYYY-MM-DD, not "${o.from}"`)
  const tolerancePct = o.tolerance === undefined ? DEFAULT_TOLERANCE_PCT : Number(o.tolerance)
  if (!(tolerancePct >= 0 && tolerancePct <= 100)) return usage(`--tolerance must be a per cent between 0 and 100, not "${o.tolerance}"`)
  if (o.yes && !o.reassign) return usage('--yes answers --reassign: give both, or neither')
  let codeMap: Map<string, string> | undefined
  if (o['code-map']) {
    try { codeMap = parseCodeMap(readFileSync(o['code-map'], 'utf8')) } catch (err) { return usage(`--code-map ${o['code-map']}: ${(err as Error).message}`) }
  }

  const store = await openCliStore(env)
  try {
    const result = await importBoundaries(store, {
      level: o.level, file: o.file, layer: o.layer, codeField: o['code-field'], nameField: o['name-field'], codeMap,
      crs: o.crs, validFrom, tolerancePct, now, actor: `cli:${userInfo().username}`,
      dryRun: o['dry-run'] ?? false, reassign: o.reassign ? (o.yes ? 'apply' : 'count') : undefined,
    })
    for (const line of result.lines) io.out(line)
    if (result.report.reasons.length > 0) return 1
    if (result.reassign) io.out(describePlan(result.reassign, validFrom, result.stored))
    if (result.stored) {
      io.out(`stored ${o.level} boundary version ${result.version.id} (${result.version.features} features), in force from ${localTime(validFrom)}; restart the API servers to serve it`)
    } else if (o['dry-run']) {
      io.out('dry run: nothing written')
    } else {
      io.out('nothing written: run again with --reassign --yes to store the version and move these records')
    }
    return 0
  } catch (err) {
    if (err instanceof BoundaryFileError) { io.err(err.message); return 1 }
    throw err
  } finally {
    await store.close()
  }
}

/** A moment as Taishun reads it: 2026-01-01 00:00 (UTC+8). */
const localTime = (t: number) => `${new Date(t + LOCAL_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ')} (UTC${LOCAL_OFFSET_ISO.slice(0, 3).replace('+0', '+')})`

function describePlan(p: ReassignPlan, from: number, applied: boolean): string {
  const n = p.moves.incidents.length + p.moves.disputes.length
  const unplaced = p.unplaced.incidents.length + p.unplaced.disputes.length
  return `reassign: of ${p.examined.incidents} incidents and ${p.examined.disputes} disputes dated from ${localTime(from)} on, ` +
    `${n} ${applied ? 'moved' : 'would move'} (${p.moves.incidents.length} incidents, ${p.moves.disputes.length} disputes)` +
    (unplaced ? `; ${unplaced} fall outside every region and keep their place (incidents ${p.unplaced.incidents.slice(0, 20).join(', ')}${p.unplaced.incidents.length > 20 ? ' …' : ''}; disputes ${p.unplaced.disputes.slice(0, 20).join(', ')})` : '')
}
