// A county department's open work: the incidents assigned to it and the whistle calls to it that are still open.
// Whole rows, so the services shape them as their record answers do (deadlines, allowed actions). Open incidents
// are a small set whatever the history's size, and the open term is the partial index incidents_open's own, so
// the planner reads that index, not the table; whistle calls to a department have their index by department.
import { OPEN_WHISTLE_STATUSES } from '../../domain/whistle'
import type { IncidentRow } from './incidents'
import { INCIDENT_COLUMNS } from './incidents'
import { OPEN_INCIDENTS_SQL, inList } from './rule-sql'
import type { Sql } from './sql'
import type { WhistleRow } from './whistles'
import { WHISTLE_COLUMNS } from './whistles'

const OPEN_WHISTLES_SQL = inList('status', OPEN_WHISTLE_STATUSES)

export function queueQueries(db: Sql) {
  return {
    /** Open incidents whose assignee is this department. */
    incidents: (department: string) => db.all<IncidentRow>(
      `SELECT ${INCIDENT_COLUMNS} FROM incidents WHERE ${OPEN_INCIDENTS_SQL} AND assignee_kind = 'department' AND assignee_code = ?`, [department]),
    /** Open whistle calls to this department. */
    whistles: (department: string) => db.all<WhistleRow>(
      `SELECT ${WHISTLE_COLUMNS} FROM whistles WHERE department = ? AND ${OPEN_WHISTLES_SQL}`, [department]),
  }
}
export type QueueQueries = ReturnType<typeof queueQueries>
