// Disputes from a county's register: each row through the API's DisputeCreate schema and intake's own row (place,
// mediator, the level's deadline), accepted at the row's acceptedAt.
import { DisputeCreate } from '../../../domain/schemas'
import { newDisputeRow } from '../../services/disputes'
import { DISPUTE_EVENT_COLUMNS } from '../../store/disputes'
import { actorFields } from '../../services/record-view'
import type { Cells } from './cells'
import { booleanCell, instantCell, numberCell } from './cells'
import type { ParseContext, RecordKind } from './kind'
import { asRejection, validated } from './rejection'

/** A phone at the end of a party ("张三 13800000000", "李四:0577-1234567"). */
const TRAILING_PHONE = /^(.*?)[\s:：]+([0-9+()\-\s]{5,20})$/

/** `parties`: "name phone; name; …" (；or ; between parties, the phone optional), as registers list them. */
export function partiesCell(raw: string | undefined): { name: string; phone?: string }[] | undefined {
  if (raw === undefined) return undefined
  return raw.split(/[;；]/).map((p) => p.trim()).filter(Boolean).map((p) => {
    const m = TRAILING_PHONE.exec(p)
    return m ? { name: m[1]!.trim(), phone: m[2]!.trim() } : { name: p }
  })
}

export const disputeKind: RecordKind = {
  id: 'disputes',
  fields: ['externalId', 'type', 'lng', 'lat', 'crs', 'description', 'parties', 'level', 'method', 'risk', 'crossRegion', 'mediator', 'acceptedAt'],
  required: ['externalId', 'type', 'lng', 'lat', 'description', 'parties', 'acceptedAt'],
  written: ['type', 'level', 'method', 'risk', 'crossRegion', 'mediator', 'lng', 'lat', 'crsIn', 'county', 'township', 'village', 'grid',
    'summary', 'parties', 'acceptedAt', 'levelAcceptedAt', 'deadline'],
  activity: ['status', 'escalations'],
  parse(c: Cells, ctx: ParseContext) {
    const input = validated(DisputeCreate, {
      type: c.type, point: { lng: numberCell(c.lng), lat: numberCell(c.lat), crs: c.crs ?? ctx.crs },
      description: c.description, parties: partiesCell(c.parties), level: c.level, method: c.method, risk: c.risk,
      crossRegion: booleanCell(c.crossRegion), mediator: c.mediator,
    })
    const acceptedAt = instantCell(c.acceptedAt, 'acceptedAt', ctx.now)
    return asRejection(() => newDisputeRow(input, acceptedAt, ctx.locatorAt(acceptedAt), false))
  },
  movedOn: (e) => e.status === 'accepted' && Number(e.escalations) === 0 ? null
    : `dispute ${e.id} has moved on since it was imported (now ${String(e.status)}): change it in the app`,
  history: {
    table: 'dispute_events',
    columns: DISPUTE_EVENT_COLUMNS,
    rows: (id, row, existing) => existing ? [] : [{
      disputeId: id, at: row.acceptedAt, action: 'accept', fromStatus: null, toStatus: 'accepted', fromLevel: null, toLevel: row.level, note: null,
      ...actorFields(null),
    }],
  },
}
