// Supervised sites from a county's register: each row through the SiteCreate schema and the site service's own
// row (place, supervising department, inspection clock by grade).
import { SiteCreate } from '../../../domain/schemas'
import { newSiteRow } from '../../services/sites'
import type { Cells } from './cells'
import { instantCell, numberCell } from './cells'
import type { ParseContext, RecordKind } from './kind'
import { RowRejected, asRejection, validated } from './rejection'

export const siteKind: RecordKind = {
  id: 'sites',
  fields: ['externalId', 'category', 'name', 'grade', 'lng', 'lat', 'crs', 'registeredAt', 'lastInspectionAt'],
  required: ['externalId', 'category', 'name', 'grade', 'lng', 'lat', 'registeredAt'],
  written: ['category', 'name', 'grade', 'department', 'lng', 'lat', 'county', 'township', 'village', 'grid',
    'registeredAt', 'lastInspectionAt', 'nextInspectionDue'],
  activity: ['(SELECT count(*) FROM inspections WHERE inspections.site_id = sites.id) + (SELECT count(*) FROM site_warnings WHERE site_warnings.site_id = sites.id) AS activity'],
  parse(c: Cells, ctx: ParseContext) {
    const input = validated(SiteCreate, {
      category: c.category, name: c.name, grade: c.grade, point: { lng: numberCell(c.lng), lat: numberCell(c.lat), crs: c.crs ?? ctx.crs },
    })
    const registeredAt = instantCell(c.registeredAt, 'registeredAt', ctx.now)
    const lastInspectionAt = c.lastInspectionAt === undefined ? null : instantCell(c.lastInspectionAt, 'lastInspectionAt', ctx.now)
    if (lastInspectionAt !== null && lastInspectionAt < registeredAt) throw new RowRejected('lastInspectionAt is before registeredAt: a site is inspected once it is on the list')
    return asRejection(() => newSiteRow(input, { registeredAt, lastInspectionAt }, ctx.locatorAt(registeredAt), false))
  },
  // Inspections and warnings recorded in the app are the site's life since: its clock is theirs now.
  movedOn: (e) => Number(e.activity) === 0 ? null
    : `site ${e.id} has inspections or warnings recorded in the app since it was imported: change it in the app`,
  history: null,
}
