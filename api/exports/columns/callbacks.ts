// The call-back (回访) export: the list's items, the reporter masked as the list masks it.
import type { CallbackItem } from '../../../domain/answers/callback'
import { CALLBACK_OWNER_LABELS, CALLBACK_RESULTS, CALLBACK_STATUSES } from '../../../domain/callback'
import { labelOf, localTime, yesNo } from '../cells'
import type { ExportKind } from './column'

export const CALLBACK_EXPORT: ExportKind<CallbackItem> = {
  id: 'callbacks', zh: '回访', en: 'Call-backs',
  columns: [
    { zh: '编号', en: 'ID', value: (i) => i.id },
    { zh: '事件编号', en: 'Incident', value: (i) => i.incidentId },
    { zh: '事件类型', en: 'Type', value: (i, cx) => (cx.lang === 'zh' ? i.incident.typeName : i.incident.typeNameEn) },
    { zh: '乡镇', en: 'Township', value: (i) => i.place.townshipName },
    { zh: '村(社区)', en: 'Village', value: (i) => i.place.villageName },
    { zh: '网格', en: 'Grid', value: (i) => i.place.gridName },
    { zh: '回访方', en: 'Owner', value: (i, cx) => labelOf(CALLBACK_OWNER_LABELS, i.owner, cx.lang) },
    { zh: '核查归档时间', en: 'Verified', value: (i) => localTime(i.createdAt) },
    { zh: '回访期限', en: 'Due', value: (i) => localTime(i.dueBy) },
    { zh: '状态', en: 'Status', value: (i, cx) => labelOf(CALLBACK_STATUSES, i.status, cx.lang) },
    { zh: '逾期', en: 'Late', value: (i, cx) => yesNo(i.late, cx.lang) },
    { zh: '回访结果', en: 'Result', value: (i, cx) => labelOf(CALLBACK_RESULTS, i.result, cx.lang) },
    { zh: '回访时间', en: 'Done', value: (i) => localTime(i.doneAt) },
    { zh: '上报人', en: 'Reporter', value: (i) => i.incident.reporter?.name ?? null },
    { zh: '联系电话', en: 'Phone', value: (i) => i.incident.reporter?.phone ?? null },
  ],
}
