// The 考核 scoreboard's strings (the leader's panel and the wall's page), in both languages. The metrics' names, units
// and formulas come with the metrics themselves; what is here is the screens' own words: tabs, short column heads
// that fit a side column, why a figure is missing, the wall page's captions.
import type { Lang } from '.'
import type { ScoreboardMetricId } from '../panels/scoreboard-metrics'

const zhCN = {
  title: '考核',
  wallTitle: '考核排行',
  by: { township: '乡镇', department: '部门' },
  tabs: '考核对象',
  hintTownship: '点击表头排序 · 点击乡镇下钻',
  hintDepartment: '点击表头排序 · 点击部门看明细',
  hintSort: '点击表头排序',
  sortBy: '按{m}排序',
  /** Column heads short enough for the leader's side column; the full name is the head's tooltip. */
  short: {
    signRate: '签收率', onTimeRate: '按期率', overdueCount: '超期', supervisedCount: '督办',
    callbackSatisfaction: '满意率', redoRate: '重办率', whistleMedianAckMinutes: '哨应',
  },
  /** Why a unit has no figure for a metric. */
  noValue: {
    signRate: '时段内无交办给该单位的事件',
    onTimeRate: '时段内该单位无办结事件',
    overdueCount: '时段内无数据',
    supervisedCount: '时段内无数据',
    callbackSatisfaction: '时段内无已完成的回访',
    redoRate: '时段内无已完成的回访',
    whistleMedianAckMinutes: '时段内无已签收的吹哨',
  },
  /** The department card: what a figure was taken over. */
  ofTotal: '{n} / {d}',
  detailOf: '{u} · 明细',
  detailClose: '收起',
  formula: '口径：{f}',
  outOfReach: '考核按乡镇和部门统计，本账号只看本网格',
  noRows: '本账号无可查看的{by}考核',
  rank: '名次',
  range: '统计时段 {from} — {to}',
  dataAt: '数据截至 {t}',
  top: '前三',
  bottom: '后三',
  noFigure: '— 无数据',
  loading: '正在加载考核数据…',
  loadFailed: '考核数据加载失败',
}

export type ScoreboardMessages = Omit<typeof zhCN, 'short' | 'noValue' | 'by'> & {
  by: Record<'township' | 'department', string>
  short: Record<ScoreboardMetricId, string>
  noValue: Record<ScoreboardMetricId, string>
}

const en: ScoreboardMessages = {
  title: 'Scoreboard',
  wallTitle: 'Scoreboard',
  by: { township: 'Townships', department: 'Departments' },
  tabs: 'Units compared',
  hintTownship: 'Click a head to sort · a township to drill down',
  hintDepartment: 'Click a head to sort · a department for details',
  hintSort: 'Click a head to sort',
  sortBy: 'Sort by {m}',
  short: {
    signRate: 'Signed', onTimeRate: 'On time', overdueCount: 'Overdue', supervisedCount: 'Superv.',
    callbackSatisfaction: 'Satisf.', redoRate: 'Redo', whistleMedianAckMinutes: 'Whistle',
  },
  noValue: {
    signRate: 'Nothing was dispatched to this unit in the range',
    onTimeRate: 'This unit resolved nothing in the range',
    overdueCount: 'No data in the range',
    supervisedCount: 'No data in the range',
    callbackSatisfaction: 'No call-back was done in the range',
    redoRate: 'No call-back was done in the range',
    whistleMedianAckMinutes: 'No whistle call was acknowledged in the range',
  },
  ofTotal: '{n} of {d}',
  detailOf: '{u} · details',
  detailClose: 'Close',
  formula: 'Formula: {f}',
  outOfReach: 'The scoreboard compares townships and departments; this account sees its own grids only',
  noRows: 'No {by} scoreboard this account may see',
  rank: 'Rank',
  range: 'Period {from} – {to}',
  dataAt: 'Data as of {t}',
  top: 'Top three',
  bottom: 'Bottom three',
  noFigure: '— no data',
  loading: 'Loading the scoreboard…',
  loadFailed: 'The scoreboard did not load',
}

export function scoreboardMessages(lang: Lang): ScoreboardMessages {
  return lang === 'en' ? en : zhCN
}
