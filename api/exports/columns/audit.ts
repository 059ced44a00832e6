// The audit-log export (administrators): the entries, newest first, with their hash chain.
import type { AuditPage } from '../../../domain/answers/audit'
import { localTime } from '../cells'
import type { ExportKind } from './column'

export const AUDIT_EXPORT: ExportKind<AuditPage['entries'][number]> = {
  id: 'audit', zh: '审计日志', en: 'Audit log',
  columns: [
    { zh: '编号', en: 'ID', value: (e) => e.id },
    { zh: '时间', en: 'Time', value: (e) => localTime(e.at) },
    { zh: '操作人', en: 'Actor', value: (e) => e.actor },
    { zh: '角色', en: 'Role', value: (e) => e.role },
    { zh: '方法', en: 'Method', value: (e) => e.method },
    { zh: '路径', en: 'Path', value: (e) => e.path },
    { zh: '对象', en: 'Target', value: (e) => e.target },
    { zh: '详情', en: 'Detail', value: (e) => e.detail },
    { zh: '状态码', en: 'Status', value: (e) => e.status },
    { zh: '来源地址', en: 'Remote', value: (e) => e.remote },
    { zh: '次数', en: 'Count', value: (e) => e.count },
    { zh: '哈希', en: 'Hash', value: (e) => e.hash },
  ],
}
