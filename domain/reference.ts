// Everything the web needs for legends, filters and labels, in one serialisable object: the API
// serves it once (GET /api/reference) and the web never hard-codes a list or a label.
import type { ReferenceAnswer } from './answers/meta'
import { ARTICLE_FIGURES, ARTICLE_FIGURE_ROWS, ARTICLE_SOURCE, monthlyReportPlan } from './article-figures'
import { CATEGORIES, INCIDENT_TYPES } from './catalogue'
import { CRS_LIST } from './crs'
import { DEPARTMENTS, STATIONED_DOMAINS } from './departments'
import { DISPUTE_ACTIONS, DISPUTE_LEVELS, DISPUTE_METHODS, DISPUTE_STATUSES, DISPUTE_TYPES, MEDIATORS, RISKS } from './dispute'
import { INCIDENT_ACTIONS, INCIDENT_STATUSES, SEVERITIES, SOURCES } from './incident'
import { LIST_ITEMS } from './list-items'
import { METRICS } from './metrics'
import { MODULE_GROUPS, MODULES } from './modules'
import { SCOREBOARD_METRICS, TOWNSHIP_CHOROPLETH_METRIC_IDS } from './scoreboard'
import { COUNTY_CODE, COUNTY_NAME, SCOPE_LEVELS } from './regions'
import { CHAIN_STAGES, INSPECTION_RESULTS, SITE_CATEGORIES, SITE_GRADES, SITE_WARNING_KINDS } from './sites'
import { INCIDENT_SLA } from './sla'
import { workingDayCalendar } from './working-days'
import { WHISTLE_ACTIONS, WHISTLE_KINDS, WHISTLE_SLA, WHISTLE_SLA_STATES, WHISTLE_STATUSES } from './whistle'

export function buildReference() {
  return {
    county: { code: COUNTY_CODE, ...COUNTY_NAME },
    scopeLevels: SCOPE_LEVELS,
    crs: CRS_LIST,
    departments: DEPARTMENTS,
    stationedDomains: STATIONED_DOMAINS,
    modules: MODULES,
    moduleGroups: MODULE_GROUPS,
    listItems: LIST_ITEMS,
    categories: CATEGORIES,
    incidentTypes: INCIDENT_TYPES,
    incident: {
      severities: SEVERITIES,
      sources: SOURCES,
      statuses: INCIDENT_STATUSES,
      actions: INCIDENT_ACTIONS,
      sla: INCIDENT_SLA,
    },
    dispute: {
      types: DISPUTE_TYPES,
      levels: DISPUTE_LEVELS,
      methods: DISPUTE_METHODS,
      risks: RISKS,
      mediators: MEDIATORS,
      statuses: DISPUTE_STATUSES,
      actions: DISPUTE_ACTIONS,
    },
    site: {
      categories: SITE_CATEGORIES,
      grades: SITE_GRADES,
      inspectionResults: INSPECTION_RESULTS,
      chainStages: CHAIN_STAGES,
      warningKinds: SITE_WARNING_KINDS,
    },
    whistle: {
      kinds: WHISTLE_KINDS,
      statuses: WHISTLE_STATUSES,
      actions: WHISTLE_ACTIONS,
      sla: WHISTLE_SLA,
      slaStates: WHISTLE_SLA_STATES,
    },
    calendar: workingDayCalendar(),
    metrics: METRICS,
    scoreboard: { metrics: SCOREBOARD_METRICS, townshipChoropleth: TOWNSHIP_CHOROPLETH_METRIC_IDS },
    article: {
      source: ARTICLE_SOURCE,
      figures: ARTICLE_FIGURES,
      rows: ARTICLE_FIGURE_ROWS,
      monthlyReports: monthlyReportPlan(),
    },
  } satisfies ReferenceAnswer
}

export type Reference = ReturnType<typeof buildReference>
