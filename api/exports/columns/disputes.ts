// The dispute export: the list's records with the summary and the parties, masked as the detail masks them.
import type { DisputeRecord } from '../../../domain/answers/dispute'
import { DISPUTE_LEVELS, DISPUTE_METHODS, DISPUTE_STATUSES, DISPUTE_TYPES, MEDIATORS, RISKS } from '../../../domain/dispute'
import { labelOf, localTime, placeName, yesNo } from '../cells'
import type { ExportKind } from './column'

export const DISPUTE_EXPORT: ExportKind<DisputeRecord> = {
  id: 'disputes', zh: '矛盾纠纷', en: 'Disputes',
  columns: [
    { zh: '编号', en: 'ID', value: (r) => r.id },
    { zh: '受理时间', en: 'Accepted', value: (r) => localTime(r.acceptedAt) },
    { zh: '纠纷类型', en: 'Type', value: (r, cx) => labelOf(DISPUTE_TYPES, r.type, cx.lang) },
    { zh: '调处层级', en: 'Level', value: (r, cx) => labelOf(DISPUTE_LEVELS, r.level, cx.lang) },
    { zh: '化解方式', en: 'Method', value: (r, cx) => labelOf(DISPUTE_METHODS, r.method, cx.lang) },
    { zh: '风险等级', en: 'Risk', value: (r, cx) => labelOf(RISKS, r.risk, cx.lang) },
    { zh: '跨区域', en: 'Cross-region', value: (r, cx) => yesNo(r.crossRegion, cx.lang) },
    { zh: '调解力量', en: 'Mediator', value: (r, cx) => labelOf(MEDIATORS, r.mediator, cx.lang) },
    { zh: '状态', en: 'Status', value: (r, cx) => labelOf(DISPUTE_STATUSES, r.status, cx.lang) },
    { zh: '超期', en: 'Overdue', value: (r, cx) => yesNo(r.overdue, cx.lang) },
    { zh: '当前期限', en: 'Due', value: (r) => localTime(r.dueAt) },
    { zh: '升级次数', en: 'Escalations', value: (r) => r.escalations },
    { zh: '乡镇', en: 'Township', value: (r, cx) => placeName(r.township, cx) },
    { zh: '村(社区)', en: 'Village', value: (r, cx) => placeName(r.village, cx) },
    { zh: '网格', en: 'Grid', value: (r, cx) => placeName(r.grid, cx) },
    { zh: '经度', en: 'Longitude', value: (r) => r.point[0] },
    { zh: '纬度', en: 'Latitude', value: (r) => r.point[1] },
    { zh: '纠纷概要', en: 'Summary', value: (r) => r.description },
    { zh: '当事人', en: 'Parties', value: (r) => r.parties.map((p) => (p.phone ? `${p.name} ${p.phone}` : p.name)).join('; ') },
    { zh: '开始调处', en: 'Started', value: (r) => localTime(r.startedAt) },
    { zh: '办结时间', en: 'Closed', value: (r) => localTime(r.closedAt) },
  ],
}
