// The record collections of the feature service: each reads its JSON list's service (the same filters, scope,
// keyset pages and features as GET /api/<kind>), so a feature here is byte for byte a feature of the list, masked
// as the list is (a list feature carries no personal data: names, phones and free text stay in the record's
// detail at /api/<kind>/{id}, which audits who reads them).
import type { Context } from 'hono'
import type { Feature } from 'geojson'
import { ALERT_STATUS_IDS } from '../../domain/alerts/alert-status'
import { ALERT_LEVEL_IDS } from '../../domain/alerts/rule'
import { DEPARTMENT_IDS } from '../../domain/departments'
import { DISPUTE_LEVEL_IDS, DISPUTE_METHOD_IDS, DISPUTE_STATUS_IDS, DISPUTE_TYPE_IDS, RISK_IDS } from '../../domain/dispute'
import type { ScopeLevel } from '../../domain/regions'
import { SCOPE_LEVEL_IDS } from '../../domain/regions'
import { SITE_CATEGORY_IDS, SITE_GRADE_IDS } from '../../domain/sites'
import type { Range } from '../../domain/time'
import { WHISTLE_KIND_IDS, WHISTLE_SLA_STATE_IDS, WHISTLE_STATUS_IDS } from '../../domain/whistle'
import { recordInReach } from '../auth/policy'
import type { Place } from '../auth/policy'
import { badRequest, notFound } from '../errors'
import { INCIDENT_FILTER_PARAMS, parseIncidentFilters } from '../http/incident-filters'
import { parseBool, parseId, parseList } from '../http/query'
import type { AlertService } from '../services/alerts/alerts'
import { ALERT_RULE_IDS } from '../services/alerts/rule-params'
import type { DisputeService } from '../services/disputes'
import type { IncidentService } from '../services/incidents'
import type { FeaturePage } from '../services/keyset'
import type { SiteService } from '../services/sites'
import type { WhistleService } from '../services/whistles'
import { boxArea } from './box-area'
import { boxesMeet, geometryBox } from './bbox'
import type { LngLatBox } from './bbox'
import { ogcScope } from './scope'

export interface ItemsQuery { bbox: LngLatBox | undefined; range: Range | undefined; limit: number; cursor: string | undefined }
export interface ItemsPage { features: Feature[]; next: string | null; matched: number | null }

export interface RecordCollection {
  kind: 'record'
  id: string
  title: string
  description: string
  /** The property `datetime=` filters on; null: the collection has no time (datetime is then 400). */
  temporal: string | null
  /** The filters this collection reads besides bbox, datetime and the area (the JSON list's query ids). */
  filters: readonly string[]
  items: (c: Context, q: ItemsQuery) => Promise<ItemsPage>
  /** One feature in the caller's reach; 404 for an unknown id and one outside alike. */
  item: (c: Context, rawId: string) => Promise<Feature>
}

interface Source<F> {
  list: (filter: F, limit: number, cursor?: string) => Promise<FeaturePage>
  count: (filter: F) => Promise<number>
  feature: (id: number) => Promise<unknown>
  placeOf: (id: number) => Promise<Place | undefined>
}

interface Spec<F> {
  id: string; title: string; description: string; what: string
  temporal: string | null
  levels: readonly ScopeLevel[]
  filters: readonly string[]
  /**
   * How bbox applies: `filter` — the list's own filter does it (the box goes into the filter, so counts and pages
   * agree); `page` — the list cannot (whistle calls stand at their township's seat, alerts on a whole grid): each page
   * is cut to the features whose geometry meets the box, the page's `next` kept, numberMatched left out.
   */
  bboxBy: 'filter' | 'page'
  filter: (c: Context, common: { scope: string; range: Range; bbox: LngLatBox | undefined }) => F
  source: Source<F>
}

const NO_RANGE: Range = { from: undefined, to: undefined }

function recordCollection<F>(spec: Spec<F>): RecordCollection {
  return {
    kind: 'record', id: spec.id, title: spec.title, description: spec.description, temporal: spec.temporal, filters: spec.filters,
    async items(c, q) {
      if (q.range && spec.temporal === null) {
        throw badRequest(`the ${spec.id} collection has no time property, so datetime cannot filter it: leave datetime out`, 'invalid_datetime')
      }
      const scope = ogcScope(c, spec.levels)
      const cut = spec.bboxBy === 'page' ? q.bbox : undefined
      const filter = spec.filter(c, { scope, range: q.range ?? NO_RANGE, bbox: cut ? undefined : q.bbox })
      const page = await spec.source.list(filter, q.limit, q.cursor)
      const features = (page.features as Feature[]).filter((f) => {
        if (!cut) return true
        const box = geometryBox(f.geometry)
        return box !== null && boxesMeet(box, cut)
      })
      return { features, next: page.next, matched: cut ? null : await spec.source.count(filter) }
    },
    async item(c, rawId) {
      const id = parseId(rawId, spec.what)
      recordInReach(c, spec.what, id, await spec.source.placeOf(id))
      const feature = await spec.source.feature(id)
      if (!feature) throw notFound(`no ${spec.what} with id ${id}`)
      return feature as Feature
    },
  }
}

/** `overdue=` as the JSON lists read it: judged at the server's clock. */
const overdueOf = (c: Context, now: () => number) => {
  const overdue = parseBool(c, 'overdue')
  return overdue === undefined ? {} : { overdue: { now: now(), value: overdue } }
}

export interface RecordServices {
  incidents: IncidentService; disputes: DisputeService; sites: SiteService; whistles: WhistleService; alerts: AlertService
  now: () => number
}

export function recordCollections({ incidents, disputes, sites, whistles, alerts, now }: RecordServices): RecordCollection[] {
  return [
    recordCollection({
      id: 'incidents', what: 'incident', title: '事件', description: 'Grid incidents (网格事件) at their reported point, newest first; time: reportedAt',
      temporal: 'reportedAt', levels: SCOPE_LEVEL_IDS, bboxBy: 'filter', filters: [...INCIDENT_FILTER_PARAMS, 'overdue'],
      filter: (c, { scope, range, bbox }) => ({ scope, bbox, from: range.from, to: range.to, ...parseIncidentFilters(c), ...overdueOf(c, now) }),
      source: incidents,
    }),
    recordCollection({
      id: 'disputes', what: 'dispute', title: '矛盾纠纷', description: 'Disputes in mediation (矛盾纠纷) at their point, newest first; time: acceptedAt',
      temporal: 'acceptedAt', levels: SCOPE_LEVEL_IDS, bboxBy: 'filter', filters: ['status', 'type', 'level', 'method', 'risk', 'overdue'],
      filter: (c, { scope, range, bbox }) => ({
        scope, within: bbox && boxArea(bbox), from: range.from, to: range.to,
        status: parseList(c, 'status', DISPUTE_STATUS_IDS), type: parseList(c, 'type', DISPUTE_TYPE_IDS),
        level: parseList(c, 'level', DISPUTE_LEVEL_IDS), method: parseList(c, 'method', DISPUTE_METHOD_IDS),
        risk: parseList(c, 'risk', RISK_IDS), ...overdueOf(c, now),
      }),
      source: disputes,
    }),
    recordCollection({
      id: 'sites', what: 'supervised site', title: '重点监管对象', description: 'Supervised high-risk sites (重点监管对象), soonest inspection due first; no time',
      temporal: null, levels: SCOPE_LEVEL_IDS, bboxBy: 'filter', filters: ['category', 'grade', 'department', 'overdue', 'warning'],
      filter: (c, { scope, bbox }) => {
        const warning = parseBool(c, 'warning')
        return {
          scope, within: bbox && boxArea(bbox),
          category: parseList(c, 'category', SITE_CATEGORY_IDS), grade: parseList(c, 'grade', SITE_GRADE_IDS),
          department: parseList(c, 'department', DEPARTMENT_IDS), ...overdueOf(c, now), ...(warning === undefined ? {} : { warning }),
        }
      },
      source: sites,
    }),
    recordCollection({
      id: 'whistles', what: 'whistle call', title: '吹哨报到', description: 'Whistle calls (吹哨报到) at their township\'s seat, newest first; time: whistledAt',
      temporal: 'whistledAt', levels: ['county', 'township'], bboxBy: 'page', filters: ['status', 'department', 'kind', 'sla'],
      filter: (c, { scope, range }) => {
        const sla = parseList(c, 'sla', WHISTLE_SLA_STATE_IDS)
        return {
          scope, from: range.from, to: range.to,
          status: parseList(c, 'status', WHISTLE_STATUS_IDS), department: parseList(c, 'department', DEPARTMENT_IDS),
          kind: parseList(c, 'kind', WHISTLE_KIND_IDS), ...(sla === undefined ? {} : { sla: { now: now(), values: sla } }),
        }
      },
      source: whistles,
    }),
    recordCollection({
      id: 'alerts', what: 'alert', title: '研判预警', description: 'Warnings (研判预警) on the grid, township or point they are about, newest first; time: raisedAt..lastSeenAt',
      temporal: 'raisedAt', levels: ['county', 'township', 'grid'], bboxBy: 'page', filters: ['rule', 'level', 'status'],
      filter: (c, { scope, range }) => ({
        scope, from: range.from, to: range.to,
        rule: parseList(c, 'rule', ALERT_RULE_IDS), level: parseList(c, 'level', ALERT_LEVEL_IDS), status: parseList(c, 'status', ALERT_STATUS_IDS),
      }),
      source: alerts,
    }),
  ]
}
