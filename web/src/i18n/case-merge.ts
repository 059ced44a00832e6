// The strings of 一件事 (merging repeated reports into one case): the merge offered in a repeat-place alert's drawer,
// the case shown in an incident's drawer with its undo, and the two history steps. Kept apart, as the alerts' are,
// so the case screens read (and translate) as one piece.
import type { Lang } from '.'

const zhCN = {
  mergeTitle: '合并为一件事',
  mergeHint: '勾选同一件事的上报，选定主件；合并后按一件事计数，可撤销。',
  mergePrimary: '主件',
  mergeReport: '上报 #{id}',
  mergeNote: '合并说明（选填）',
  mergeSend: '合并为一件事',
  mergeNeedTwo: '请至少勾选两件上报',
  mergeDone: '已合并为一件事：主件 #{id}，共 {n} 件',
  sending: '正在提交…',
  caseTitle: '一件事',
  caseMergedInto: '已并入',
  casePrimary: '本件为主件，已并入：',
  caseBy: '{who} 于 {at} 合并',
  undo: '撤销合并',
  undoConfirm: '确认撤销合并',
  cancel: '取消',
  stepMerge: '合并为一件事',
  stepUnmerge: '撤销合并',
  stepCase: '主件 #{id}',
}

export type CaseMergeMessages = typeof zhCN

const en: CaseMergeMessages = {
  mergeTitle: 'Merge into one case',
  mergeHint: 'Tick the reports of one matter and choose the primary; merged, they count as one case. It can be undone.',
  mergePrimary: 'Primary',
  mergeReport: 'Report #{id}',
  mergeNote: 'Note (optional)',
  mergeSend: 'Merge into one case',
  mergeNeedTwo: 'Tick at least two reports',
  mergeDone: 'Merged into one case: primary #{id}, {n} reports',
  sending: 'Sending…',
  caseTitle: 'One case',
  caseMergedInto: 'Merged into',
  casePrimary: 'Primary of the case; merged into it:',
  caseBy: 'merged by {who} at {at}',
  undo: 'Undo merge',
  undoConfirm: 'Confirm undo',
  cancel: 'Cancel',
  stepMerge: 'Merged into one case',
  stepUnmerge: 'Merge undone',
  stepCase: 'primary #{id}',
}

export function caseMergeMessages(lang: Lang): CaseMergeMessages {
  return lang === 'en' ? en : zhCN
}
