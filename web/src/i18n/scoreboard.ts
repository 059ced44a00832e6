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
  sortBy: '按{m}排序',
  /** Column heads short enough for the leader's side column (two characters); the full name and formula are the head's tooltip. */
  short: {
    signRate: '签收', onTimeRate: '按期', overdueCount: '超期', supervisedCount: '督办',
    callbackSatisfaction: '满意', redoRate: '重办', whistleMedianAckMinutes: '响应',
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
  formula: '口径：{f}',
  outOfReach: '考核按乡镇和部门统计，本账号只看本网格',
  noRows: '本账号无可查看的{by}考核',
  rank: '名次',
  range: '统计时段 {from} — {to}',
  dataAt: '数据截至 {t}',
  top: '前三',
  bottom: '后三',
  rankedBy: '以{m}排名，相同时依次比较其余各列 · 各列前三绿、后三红',
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
  hintTownship: 'Sort by a head · drill by a row',
  hintDepartment: 'Sort by a head · a row for details',
  sortBy: 'Sort by {m}',
  short: {
    signRate: 'Sign', onTimeRate: 'On time', overdueCount: 'Late', supervisedCount: 'Sup.',
    callbackSatisfaction: 'Satis.', redoRate: 'Redo', whistleMedianAckMinutes: 'Resp.',
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
  formula: 'Formula: {f}',
  outOfReach: 'The scoreboard compares townships and departments; this account sees its own grids only',
  noRows: 'No {by} scoreboard this account may see',
  rank: 'Rank',
  range: 'Period {from} – {to}',
  dataAt: 'Data as of {t}',
  top: 'Top three',
  bottom: 'Bottom three',
  rankedBy: 'Ranked by {m}, ties by the next columns · best 3 green, worst 3 red',
  loading: 'Loading the scoreboard…',
  loadFailed: 'The scoreboard did not load',
}

export function scoreboardMessages(lang: Lang): ScoreboardMessages {
  return lang === 'en' ? en : zhCN
}
