// The incident export: the list's records with what the map features leave out (description, reporter, the
// assignee), the reporter masked as the detail masks it for the caller.
import type { IncidentRecord } from '../../../domain/answers/incident'
import { CATEGORIES, INCIDENT_TYPES } from '../../../domain/catalogue'
import { DEPARTMENTS } from '../../../domain/departments'
import { INCIDENT_STATUSES, SEVERITIES, SOURCES } from '../../../domain/incident'
import { MODULES } from '../../../domain/modules'
import type { Cell, CellContext } from '../cells'
import { labelOf, localTime, placeName, yesNo } from '../cells'
import type { ExportKind } from './column'

/** 交办 to a department (its name) or to a township or grid (the place's name). */
function assigneeName(a: IncidentRecord['assignee'], cx: CellContext): Cell {
  if (a === null) return null
  return a.kind === 'department' ? labelOf(DEPARTMENTS, a.code, cx.lang) : cx.place(a.code)
}

export const INCIDENT_EXPORT: ExportKind<IncidentRecord> = {
  id: 'incidents', zh: '事件', en: 'Incidents',
  columns: [
    { zh: '编号', en: 'ID', value: (r) => r.id },
    { zh: '上报时间', en: 'Reported', value: (r) => localTime(r.reportedAt) },
    { zh: '事件类型', en: 'Type', value: (r, cx) => labelOf(INCIDENT_TYPES, r.type, cx.lang) },
    { zh: '类别', en: 'Category', value: (r, cx) => labelOf(CATEGORIES, r.category, cx.lang) },
    { zh: '模块', en: 'Module', value: (r, cx) => labelOf(MODULES, r.module, cx.lang) },
    { zh: '清单内', en: 'On the list', value: (r, cx) => yesNo(r.onList, cx.lang) },
    { zh: '来源', en: 'Source', value: (r, cx) => labelOf(SOURCES, r.source, cx.lang) },
    { zh: '紧急程度', en: 'Severity', value: (r, cx) => labelOf(SEVERITIES, r.severity, cx.lang) },
    { zh: '状态', en: 'Status', value: (r, cx) => labelOf(INCIDENT_STATUSES, r.status, cx.lang) },
    { zh: '超期', en: 'Overdue', value: (r, cx) => yesNo(r.overdue, cx.lang) },
    { zh: '当前期限', en: 'Due', value: (r) => localTime(r.dueAt) },
    { zh: '乡镇', en: 'Township', value: (r, cx) => placeName(r.township, cx) },
    { zh: '村(社区)', en: 'Village', value: (r, cx) => placeName(r.village, cx) },
    { zh: '网格', en: 'Grid', value: (r, cx) => placeName(r.grid, cx) },
    { zh: '经度', en: 'Longitude', value: (r) => r.point[0] },
    { zh: '纬度', en: 'Latitude', value: (r) => r.point[1] },
    { zh: '描述', en: 'Description', value: (r) => r.description },
    { zh: '上报人', en: 'Reporter', value: (r) => r.reporter?.name ?? null },
    { zh: '联系电话', en: 'Phone', value: (r) => r.reporter?.phone ?? null },
    { zh: '承办单位', en: 'Assigned to', value: (r, cx) => assigneeName(r.assignee, cx) },
    { zh: '主管部门', en: 'Department', value: (r, cx) => labelOf(DEPARTMENTS, r.department, cx.lang) },
    { zh: '受理时间', en: 'Accepted', value: (r) => localTime(r.acceptedAt) },
    { zh: '交办时间', en: 'Dispatched', value: (r) => localTime(r.dispatchedAt) },
    { zh: '办结时间', en: 'Resolved', value: (r) => localTime(r.resolvedAt) },
    { zh: '核查归档时间', en: 'Verified', value: (r) => localTime(r.verifiedAt) },
  ],
}
