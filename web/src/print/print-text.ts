// The briefing's words, zh-CN first with English. Kept beside the print page: the leader's screen never loads them.
import type { Lang } from '../i18n'

const ZH = {
  title: '基层治理工作简报',
  period: '统计时段',
  asOf: '数据截至',
  kpis: '核心指标',
  map: '事件分布',
  legendReports: '上报事件(件)',
  north: '北',
  urgent: '今日紧急事件',
  urgentNone: '今日无紧急事件',
  overdueOldest: '超期最久的十件',
  overdueNone: '无超期事件',
  age: '已超期',
  days: '天',
  unit: '责任单位',
  reported: '上报',
  category: '类别',
  alerts: '研判预警',
  alertsNone: '时段内无预警',
  alertsCount: (n: number) => `共 ${n} 条`,
  trend: '上报趋势',
  byCategory: '事件类别',
  byModule: '“1+3+N”模块分布',
  ranking: '乡镇排名',
  rankingGrid: '网格排名(上报前 15)',
  region: '区域',
  disputes: '矛盾纠纷分级化解',
  scoreboard: '考核记分',
  onTime: '按期办结率',
  satisfaction: '回访满意率',
  pageFormat: '第 {n} 页 共 {total} 页',
  masked: '已脱敏',
  source: '数据来源:泰顺县基层治理一张图',
  watermark: (by: string, at: string) => `${by} · ${at} 生成`,
  more: (n: number) => `另有 ${n} 件`,
  severity: { urgent: '紧急', critical: '特急', normal: '一般' } as Record<string, string>,
}
type Text = typeof ZH

const EN: Text = {
  title: 'Grassroots governance briefing',
  period: 'Period',
  asOf: 'Data as of',
  kpis: 'Key figures',
  map: 'Incidents by area',
  legendReports: 'Reports',
  north: 'N',
  urgent: 'Urgent incidents today',
  urgentNone: 'No urgent incidents today',
  overdueOldest: 'Ten longest overdue',
  overdueNone: 'Nothing overdue',
  age: 'Overdue',
  days: 'd',
  unit: 'Responsible unit',
  reported: 'Reported',
  category: 'Category',
  alerts: 'Warnings',
  alertsNone: 'No warnings in the period',
  alertsCount: (n: number) => `${n} in all`,
  trend: 'Reports over time',
  byCategory: 'By category',
  byModule: 'By module (1+3+N)',
  ranking: 'Townships',
  rankingGrid: 'Grids (top 15 by reports)',
  region: 'Area',
  disputes: 'Disputes by level',
  scoreboard: 'Scoreboard',
  onTime: 'On time',
  satisfaction: 'Call-back satisfaction',
  pageFormat: 'Page {n} of {total}',
  masked: 'Personal data masked',
  source: 'Source: Taishun one-map',
  watermark: (by: string, at: string) => `${by} · generated ${at}`,
  more: (n: number) => `${n} more`,
  severity: { urgent: 'Urgent', critical: 'Critical', normal: 'Normal' },
}

export const printText = (lang: Lang): Text => (lang === 'en' ? EN : ZH)

/** `2020-11-30 23:59` in UTC+8: the footer's and the tables' times, the same for every reader. */
export function localStamp(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')
}
export const localDate = (ms: number) => localStamp(ms).slice(0, 10)
