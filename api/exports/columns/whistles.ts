// The whistle-call (吹哨报到) export: the list's features, newest first.
import type { WhistleFeature } from '../../../domain/answers/whistle'
import { DEPARTMENTS } from '../../../domain/departments'
import { WHISTLE_KINDS, WHISTLE_SLA_STATES, WHISTLE_STATUSES } from '../../../domain/whistle'
import { labelOf, localTime, placeName, yesNo } from '../cells'
import type { ExportKind } from './column'

export const WHISTLE_EXPORT: ExportKind<WhistleFeature> = {
  id: 'whistles', zh: '吹哨报到', en: 'Whistle calls',
  columns: [
    { zh: '编号', en: 'ID', value: (f) => f.properties.id },
    { zh: '吹哨时间', en: 'Whistled', value: (f) => localTime(f.properties.whistledAt) },
    { zh: '吹哨乡镇', en: 'Township', value: (f, cx) => placeName(f.properties.township, cx) },
    { zh: '报到部门', en: 'Department', value: (f, cx) => labelOf(DEPARTMENTS, f.properties.department, cx.lang) },
    { zh: '类型', en: 'Kind', value: (f, cx) => labelOf(WHISTLE_KINDS, f.properties.kind, cx.lang) },
    { zh: '紧急', en: 'Urgent', value: (f, cx) => yesNo(f.properties.urgent, cx.lang) },
    { zh: '状态', en: 'Status', value: (f, cx) => labelOf(WHISTLE_STATUSES, f.properties.status, cx.lang) },
    { zh: '时限状态', en: 'SLA', value: (f, cx) => labelOf(WHISTLE_SLA_STATES, f.properties.sla, cx.lang) },
    { zh: '当前期限', en: 'Due', value: (f) => localTime(f.properties.dueAt) },
    { zh: '评分', en: 'Rating', value: (f) => f.properties.rating },
  ],
}
