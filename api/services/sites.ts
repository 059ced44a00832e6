// Supervision of high-risk sites: inspections move the inspection clock and the enforcement chain, findings open
// warnings and a pass clears them. Every write is one transaction ending in a `site.updated` change-feed event
// whose payload is the site's map feature (a red site with a warning open is `urgent` there).
import type { InspectionResult, SiteGrade } from '../../domain/sites'
import { INSPECTION_RESULTS, nextInspectionDue } from '../../domain/sites'
import type { SiteInspectionCreate, SiteWarningCreate } from '../../domain/schemas'
import { conflict, notFound } from '../errors'
import type { Store } from '../store'
import type { SiteFilter, SitePatch, SiteRow } from '../store/sites'
import { featurePage } from './keyset'
import { placeOfRow } from './record-place'
import { inspectionView, siteFeature, siteRecord, warningView } from './site-record'

export interface SiteServiceDeps { store: Store; now: () => number }

const opensWarning = (result: InspectionResult) => INSPECTION_RESULTS.find((r) => r.id === result)?.opensWarning ?? false
const resultLabel = (result: InspectionResult) => INSPECTION_RESULTS.find((r) => r.id === result)?.name ?? result

export function siteService({ store, now }: SiteServiceDeps) {
  const load = (id: number) => {
    const row = store.sites.get(id)
    if (!row) throw notFound(`no supervised site with id ${id}`)
    return row
  }
  const loadWarning = (siteId: number, id: number) => {
    load(siteId)
    const row = store.sites.warning(siteId, id)
    if (!row) throw notFound(`site ${siteId} has no warning with id ${id}`)
    return row
  }
  /** Applies the patch and updated_at, and tells the change feed; call inside the write's transaction. */
  const touched = (id: number, at: number, patch: SitePatch = {}): SiteRow => {
    store.sites.update(id, patch, at)
    const row = load(id)
    store.events.append(at, 'site.updated', row.id, row.township, siteFeature(row, at), row.grid)
    return row
  }

  return {
    /** Where the record lies (undefined when unknown), for the route's reach check before anything else. */
    placeOf: (id: number) => placeOfRow(store.sites.get(id)),

    get(id: number, masked = false) {
      const row = load(id)
      return {
        ...siteRecord(row, now()),
        inspections: store.sites.inspections(id).map((i) => inspectionView(i, masked)),
        warnings: store.sites.warnings(id).map((w) => warningView(w, masked)),
      }
    },

    /** One page, soonest inspection due first, as map features. */
    list(filter: SiteFilter, limit: number, cursor?: string) {
      const at = now()
      return featurePage(cursor, limit, (after, n) => store.sites.list(filter, n, after),
        (r) => ({ at: r.nextInspectionDue, id: r.id }), (r) => siteFeature(r, at))
    },

    /** Records an inspection: restarts the grade's cadence; a finding opens a warning, a pass clears them all. */
    inspect(siteId: number, input: SiteInspectionCreate, opts: { penaltyYuan?: number } = {}) {
      return store.transaction(() => {
        const site = load(siteId)
        const at = now()
        const id = store.sites.addInspection({
          siteId, at, result: input.result, mobile: input.mobile ? 1 : 0, offSite: input.offSite ? 1 : 0,
          note: input.note ?? null, penaltyYuan: opts.penaltyYuan ?? null,
        })
        if (opensWarning(input.result)) {
          store.sites.addWarning(siteId, at, input.result, input.note ?? `${resultLabel(input.result)}（检查 #${id}）`)
        } else {
          store.sites.clearOpenWarnings(siteId, at)
        }
        const updated = touched(siteId, at, { lastInspectionAt: at, nextInspectionDue: nextInspectionDue(at, site.grade as SiteGrade) })
        return { inspection: inspectionView(store.sites.inspection(siteId, id)!), site: siteRecord(updated, at) }
      })
    },

    inspection(siteId: number, id: number, masked = false) {
      load(siteId)
      const row = store.sites.inspection(siteId, id)
      if (!row) throw notFound(`site ${siteId} has no inspection with id ${id}`)
      return inspectionView(row, masked)
    },

    raiseWarning(siteId: number, input: SiteWarningCreate) {
      return store.transaction(() => {
        load(siteId)
        const at = now()
        const id = store.sites.addWarning(siteId, at, input.kind, input.message)
        const updated = touched(siteId, at)
        return { warning: warningView(store.sites.warning(siteId, id)!), site: siteRecord(updated, at) }
      })
    },

    warning: (siteId: number, id: number, masked = false) => warningView(loadWarning(siteId, id), masked),

    clearWarning(siteId: number, id: number) {
      return store.transaction(() => {
        const { clearedAt } = warningView(loadWarning(siteId, id))
        if (clearedAt !== null) throw conflict(`warning ${id} of site ${siteId} was already cleared at ${clearedAt}`, 'already_cleared')
        const at = now()
        store.sites.clearWarning(id, at)
        const updated = touched(siteId, at)
        return { warning: warningView(store.sites.warning(siteId, id)!), site: siteRecord(updated, at) }
      })
    },
  }
}
export type SiteService = ReturnType<typeof siteService>
