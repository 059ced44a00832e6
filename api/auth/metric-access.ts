// Which metrics each role may read: the one table, derived from the route table (policy.ts). A metric counts
// records, so it is for the roles that may list those records: whistle figures for those who read whistle calls
// (not grid workers), site and inspection figures for those who read sites (grid workers too: their grids' sites).
// Outside it a metric is absent from the summary and 403 wherever it is named (breakdown, timeseries, choropleth).
import type { Context } from 'hono'
import type { MetricId } from '../../domain/metrics'
import { METRIC_IDS } from '../../domain/metrics'
import type { Role } from '../../domain/roles'
import { ROLE_IDS, ROLE_LABELS } from '../../domain/roles'
import { ApiError } from '../errors'
import type { Entity } from '../services/metric-formulas'
import { FORMULAS } from '../services/metric-formulas'
import { admits, routePolicy, who } from './policy'

/** The list whose readers may read a metric of each entity; inspections are a site's sub-records. */
const LIST_OF: Record<Entity, string> = {
  incident: '/api/incidents', dispute: '/api/disputes', site: '/api/sites', inspection: '/api/sites', whistle: '/api/whistles',
}

const reads = (role: Role, entity: Entity) => {
  const policy = routePolicy('GET', LIST_OF[entity])
  return policy !== null && admits(policy.access, role)
}

export const METRIC_ACCESS: Readonly<Record<Role, readonly MetricId[]>> = Object.fromEntries(
  ROLE_IDS.map((role): [Role, readonly MetricId[]] => [role, METRIC_IDS.filter((m) => reads(role, FORMULAS[m].entity))]),
) as Record<Role, readonly MetricId[]>

/** The metrics the caller may read. */
export const readableMetrics = (c: Context): readonly MetricId[] => METRIC_ACCESS[who(c).role]

/** A metric the request names must be one the caller's role may read: else 403 naming the metric and the role. */
export function requireMetric(c: Context, metric: MetricId): MetricId {
  const { role } = who(c)
  if (!METRIC_ACCESS[role].includes(metric)) {
    const entity = FORMULAS[metric].entity
    throw new ApiError(403, 'forbidden_metric',
      `metric "${metric}" counts ${entity} records, which ${ROLE_LABELS[role].nameEn} (${role}) may not read; metrics you may read: ${METRIC_ACCESS[role].join(', ') || 'none'}`)
  }
  return metric
}
