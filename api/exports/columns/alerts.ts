// The warning (研判预警) export: the list's features, newest raised first.
import type { AlertFeature } from '../../../domain/answers/alert'
import { ALERT_STATUSES } from '../../../domain/alerts/alert-status'
import { ALERT_LEVELS } from '../../../domain/alerts/rule'
import { ALERT_RULES } from '../../../domain/alerts/rules'
import { labelOf, localTime, placeName } from '../cells'
import type { ExportKind } from './column'

export const ALERT_EXPORT: ExportKind<AlertFeature> = {
  id: 'alerts', zh: '研判预警', en: 'Alerts',
  columns: [
    { zh: '编号', en: 'ID', value: (f) => f.properties.id },
    { zh: '预警时间', en: 'Raised', value: (f) => localTime(f.properties.raisedAt) },
    { zh: '规则', en: 'Rule', value: (f, cx) => labelOf(ALERT_RULES, f.properties.rule, cx.lang) },
    { zh: '预警', en: 'Alert', value: (f, cx) => (cx.lang === 'zh' ? f.properties.title.name : f.properties.title.nameEn) },
    { zh: '等级', en: 'Level', value: (f, cx) => labelOf(ALERT_LEVELS, f.properties.level, cx.lang) },
    { zh: '状态', en: 'Status', value: (f, cx) => labelOf(ALERT_STATUSES, f.properties.status, cx.lang) },
    { zh: '乡镇', en: 'Township', value: (f, cx) => placeName(f.properties.township, cx) },
    { zh: '网格', en: 'Grid', value: (f, cx) => placeName(f.properties.grid, cx) },
    { zh: '最近研判', en: 'Last seen', value: (f) => localTime(f.properties.lastSeenAt) },
  ],
}
