// Supervision of high-risk sites: inspections move the inspection clock and the enforcement chain, findings open
// warnings and a pass clears them. Every write is one transaction ending in a `site.updated` change-feed event
// whose payload is the site's map feature (a red site with a warning open is `urgent` there).
import type { ActingPrincipal } from '../../domain/actor'
import type { InspectionResult, SiteGrade } from '../../domain/sites'
import { INSPECTION_RESULTS, nextInspectionDue, siteInspectionDue, supervisingDepartment } from '../../domain/sites'
import { countyOf } from '../../domain/regions'
import type { SiteCreate, SiteInspectionCreate, SiteWarningCreate } from '../../domain/schemas'
import { conflict, notFound } from '../errors'
import type { Store } from '../store'
import type { NewSiteRow, SiteFilter, SitePatch, SiteRow } from '../store/sites'
import type { Locator } from './locator'
import { placePoint } from './place-point'
import { featurePage } from './keyset'
import { asOfInstant } from './as-of'
import { placeOfRow } from './record-place'
import { actorFields } from './record-view'
import { inspectionView, siteFeature, siteRecord, warningView } from './site-record'

export interface SiteServiceDeps { store: Store; now: () => number }

const opensWarning = (result: InspectionResult) => INSPECTION_RESULTS.find((r) => r.id === result)?.opensWarning ?? false
const resultLabel = (result: InspectionResult) => INSPECTION_RESULTS.find((r) => r.id === result)?.name ?? result

/**
 * A new site's row: its place (WGS84, township, village and grid), its supervising department (by category) and
 * its next inspection due (by grade, from the last inspection or else the registration). Throws the 422 of a point
 * outside the county; stores nothing. The records import (api/import/records/) makes its rows here.
 */
export function newSiteRow(input: SiteCreate, times: { registeredAt: number; lastInspectionAt: number | null }, locator: Locator, synthetic: boolean): NewSiteRow {
  const placed = placePoint(input.point, locator)
  const { registeredAt, lastInspectionAt } = times
  return {
    category: input.category, name: input.name, grade: input.grade, department: supervisingDepartment(input.category),
    lng: placed.lng, lat: placed.lat,
    county: countyOf(placed.township), township: placed.township, village: placed.village, grid: placed.grid,
    registeredAt, lastInspectionAt, nextInspectionDue: siteInspectionDue({ grade: input.grade, registeredAt, lastInspectionAt }),
    synthetic: synthetic ? 1 : 0, updatedAt: Math.max(registeredAt, lastInspectionAt ?? registeredAt),
  }
}

export function siteService({ store, now }: SiteServiceDeps) {
  const load = async (id: number) => {
    const row = await store.sites.get(id)
    if (!row) throw notFound(`no supervised site with id ${id}`)
    return row
  }
  const loadWarning = async (siteId: number, id: number) => {
    await load(siteId)
    const row = await store.sites.warning(siteId, id)
    if (!row) throw notFound(`site ${siteId} has no warning with id ${id}`)
    return row
  }
  /** Applies the patch and updated_at, and tells the change feed; call inside the write's transaction. */
  const touched = async (id: number, at: number, patch: SitePatch = {}): Promise<SiteRow> => {
    await store.sites.update(id, patch, at)
    const row = await load(id)
    await store.events.append(at, 'site.updated', row.id, row.township, siteFeature(row, at), row.grid)
    return row
  }

  return {
    /** Where the record lies (undefined when unknown), for the route's reach check before anything else. */
    placeOf: async (id: number) => placeOfRow(await store.sites.get(id)),

    async get(id: number, masked = false) {
      const row = await load(id)
      return {
        ...siteRecord(row, now()),
        inspections: (await store.sites.inspections(id)).map((i) => inspectionView(i, masked)),
        warnings: (await store.sites.warnings(id)).map((w) => warningView(w, masked)),
      }
    },

    /** How many sites the list's filter holds, all pages together. */
    count: (filter: SiteFilter) => store.sites.count(filter),

    /** How many sites the list holds at `asOf` (as `list` reads it), all pages together: an export's count. */
    countAsOf(filter: SiteFilter, asOf?: number) {
      const { at, past } = asOfInstant(asOf, undefined, now())
      const f = filter.overdue ? { ...filter, overdue: { ...filter.overdue, now: at } } : filter
      return past ? store.sites.countAt(f, at) : store.sites.count(f)
    },

    /** The list's feature of one site (undefined when unknown). */
    feature: async (id: number) => {
      const row = await store.sites.get(id)
      return row ? siteFeature(row, now()) : undefined
    },

    /** One page, soonest inspection due first, as map features. */
    list(filter: SiteFilter, limit: number, cursor?: string, asOf?: number) {
      // A site list has no period: asOf is now unless asked (domain/as-of.ts); overdue is judged at it.
      const { at, past } = asOfInstant(asOf, undefined, now())
      const f = filter.overdue ? { ...filter, overdue: { ...filter.overdue, now: at } } : filter
      return featurePage(cursor, limit, async (after, n) => await (past ? store.sites.listAt(f, n, after, at) : store.sites.list(f, n, after)),
        (r) => ({ at: r.nextInspectionDue, id: r.id }), (r) => siteFeature(r, at))
    },

    /** Records an inspection: restarts the grade's cadence; a finding opens a warning, a pass clears them all. */
    async inspect(siteId: number, input: SiteInspectionCreate, opts: { penaltyYuan?: number; actor?: ActingPrincipal | null } = {}) {
      const by = actorFields(opts.actor ?? null)
      return await store.transaction(async () => {
        const site = await load(siteId)
        const at = now()
        const id = await store.sites.addInspection({
          siteId, at, result: input.result, mobile: input.mobile ? 1 : 0, offSite: input.offSite ? 1 : 0,
          note: input.note ?? null, penaltyYuan: opts.penaltyYuan ?? null, ...by,
        })
        if (opensWarning(input.result)) {
          await store.sites.addWarning(siteId, at, input.result, input.note ?? `${resultLabel(input.result)}（检查 #${id}）`, by)
        } else {
          await store.sites.clearOpenWarnings(siteId, at, by)
        }
        const updated = await touched(siteId, at, { lastInspectionAt: at, nextInspectionDue: nextInspectionDue(at, site.grade as SiteGrade) })
        return { inspection: inspectionView((await store.sites.inspection(siteId, id))!), site: siteRecord(updated, at) }
      })
    },

    async inspection(siteId: number, id: number, masked = false) {
      await load(siteId)
      const row = await store.sites.inspection(siteId, id)
      if (!row) throw notFound(`site ${siteId} has no inspection with id ${id}`)
      return inspectionView(row, masked)
    },

    async raiseWarning(siteId: number, input: SiteWarningCreate, actor: ActingPrincipal | null = null) {
      return await store.transaction(async () => {
        await load(siteId)
        const at = now()
        const id = await store.sites.addWarning(siteId, at, input.kind, input.message, actorFields(actor))
        const updated = await touched(siteId, at)
        return { warning: warningView((await store.sites.warning(siteId, id))!), site: siteRecord(updated, at) }
      })
    },

    warning: async (siteId: number, id: number, masked = false) => warningView(await loadWarning(siteId, id), masked),

    async clearWarning(siteId: number, id: number, actor: ActingPrincipal | null = null) {
      return await store.transaction(async () => {
        const { clearedAt } = warningView(await loadWarning(siteId, id))
        if (clearedAt !== null) throw conflict(`warning ${id} of site ${siteId} was already cleared at ${clearedAt}`, 'already_cleared')
        const at = now()
        await store.sites.clearWarning(id, at, actorFields(actor))
        const updated = await touched(siteId, at)
        return { warning: warningView((await store.sites.warning(siteId, id))!), site: siteRecord(updated, at) }
      })
    },
  }
}
export type SiteService = ReturnType<typeof siteService>
