// A call-back task in the API's words (domain/answers/callback.ts): ISO times, its state and lateness for `now`,
// whether the caller may record the answer; a list item adds what it shows of its incident, the reporter masked.
import type { Actor } from '../../domain/actor'
import type { CallbackItem, CallbackTask } from '../../domain/answers/callback'
import { storedAssignee } from '../../domain/assignee'
import type { CallbackResult } from '../../domain/callback'
import { callbackStatusOf, isCallbackLate, mayRecordCallback } from '../../domain/callback'
import { getIncidentType } from '../../domain/catalogue'
import { maskName, maskPhone } from '../../domain/mask'
import type { CallbackItemRow, CallbackRow } from '../store/callbacks'
import { freeText, iso, stepBy } from './record-view'

/** Names of the places a list item names (the geodata's, by code). */
export type PlaceNames = (code: string) => string

export function callbackTask(row: CallbackRow, now: number, actor: Actor | null, masked = false): CallbackTask {
  return {
    id: row.id, incidentId: row.incidentId,
    owner: row.owner as CallbackTask['owner'],
    assignee: storedAssignee(row.assigneeKind, row.assigneeCode),
    status: callbackStatusOf(row, now),
    late: isCallbackLate(row, now),
    createdAt: iso(row.createdAt), dueBy: iso(row.dueBy),
    result: row.result as CallbackResult | null, note: freeText(row.note, masked), doneAt: iso(row.doneAt),
    by: stepBy(row, masked),
    canRecord: row.result === null && actor !== null && mayRecordCallback(actor, row),
  }
}

/** A list item: lists leave personal data masked (the reporter, and phones in the note). */
export function callbackItem(row: CallbackItemRow, now: number, actor: Actor | null, names: PlaceNames): CallbackItem {
  const type = getIncidentType(row.type)
  return {
    ...callbackTask(row, now, actor, true),
    incident: {
      id: row.incidentId, type: row.type, typeName: type?.name ?? row.type, typeNameEn: type?.nameEn ?? row.type,
      source: row.source, status: row.status, point: [row.lng, row.lat],
      reporter: row.reporterName === null && row.reporterPhone === null ? null : {
        name: row.reporterName === null ? null : maskName(row.reporterName),
        phone: row.reporterPhone === null ? null : maskPhone(row.reporterPhone),
      },
    },
    place: {
      township: row.township, townshipName: names(row.township), village: row.village, villageName: names(row.village),
      grid: row.grid, gridName: names(row.grid),
    },
  }
}
