// --reassign: records placed before a new version was imported but dated on or after its valid_from are placed
// again by the boundaries in force at their own time. Counted first (the command shows the count and asks for
// --yes), then moved in one transaction. Incidents by their report time and disputes by their acceptance, the
// moments intake placed them at; incident_days follows through its triggers, so figures stay equal to a
// recomputation; an incident's call-back tasks move with it. Sites have no moment of their own and keep their place; history rows (events, alerts) keep the
// region they were written with.
import type { Store } from '../../store'
import type { BoundaryTimeline } from '../../services/boundary-timeline'

export interface Move { id: number; township: string; village: string; grid: string }

export interface ReassignPlan {
  examined: { incidents: number; disputes: number }
  moves: { incidents: Move[]; disputes: Move[] }
  /** Records the new boundaries put outside every region: left where they were, listed by id. */
  unplaced: { incidents: number[]; disputes: number[] }
}

const TABLES = { incidents: 'reported_at', disputes: 'accepted_at' } as const
type Table = keyof typeof TABLES
const PAGE = 10_000

interface Placed { id: number; lng: number; lat: number; at: number; township: string; village: string; grid: string }

export async function planReassign(store: Store, timeline: BoundaryTimeline, from: number): Promise<ReassignPlan> {
  const plan: ReassignPlan = { examined: { incidents: 0, disputes: 0 }, moves: { incidents: [], disputes: [] }, unplaced: { incidents: [], disputes: [] } }
  for (const table of Object.keys(TABLES) as Table[]) {
    let after = 0
    for (;;) {
      // Keyset pages by id: the whole table never sits in memory at once.
      const rows = await store.sql.all<Placed>(`SELECT id, lng, lat, ${TABLES[table]} AS "at", township, village, grid FROM ${table}
        WHERE ${TABLES[table]} >= ? AND id > ? ORDER BY id LIMIT ${PAGE}`, [from, after])
      for (const r of rows) {
        const now = timeline.locateAt(r.lng, r.lat, r.at)
        if (!now) { plan.unplaced[table].push(r.id); continue }
        if (now.township !== r.township || now.village !== r.village || now.grid !== r.grid) plan.moves[table].push({ id: r.id, ...now })
      }
      plan.examined[table] += rows.length
      if (rows.length < PAGE) break
      after = rows.at(-1)!.id
    }
  }
  return plan
}

/** Moves the planned records; call inside the transaction that stores the version. */
export async function applyReassign(store: Store, plan: ReassignPlan): Promise<number> {
  let moved = 0
  for (const table of Object.keys(TABLES) as Table[]) {
    for (const m of plan.moves[table]) {
      moved += await store.sql.run(`UPDATE ${table} SET township = ?, village = ?, grid = ? WHERE id = ?`, [m.township, m.village, m.grid, m.id])
      // A call-back task carries its incident's township (the call-back figures filter on it): it moves too.
      if (table === 'incidents') await store.sql.run('UPDATE callbacks SET township = ? WHERE incident_id = ?', [m.township, m.id])
    }
  }
  return moved
}
