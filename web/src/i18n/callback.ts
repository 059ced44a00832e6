// The call-back's (回访) strings in the drawer, in both languages, kept beside the map's tables as queue.ts is.
// Results, owners and states are labelled in domain/callback.ts; these are the form's and the timeline's words.
import type { Lang } from '.'

const zhCN = {
  title: '回访',
  record: '回访',
  result: '回访结果',
  note: '回访情况',
  noteRequired: '不满意时须填写回访情况(群众不满意什么)',
  chooseResult: '请选择回访结果',
  submit: '提交回访',
  cancel: '取消',
  sending: '正在提交…',
  drawn: '抽中回访',
  dueBy: '应于 {t} 前回访',
  done: '回访',
  late: '逾期',
  owner: '回访方',
  failed: '回访未能提交：{m}',
}
export type CallbackMessages = typeof zhCN

const en: CallbackMessages = {
  title: 'Call-back',
  record: 'Call back',
  result: 'Result',
  note: 'What the resident said',
  noteRequired: 'A dissatisfied result needs a note (what the resident is unhappy with)',
  chooseResult: 'Choose the result',
  submit: 'Record the call-back',
  cancel: 'Cancel',
  sending: 'Sending…',
  drawn: 'Drawn for a call-back',
  dueBy: 'due by {t}',
  done: 'Call-back',
  late: 'late',
  owner: 'Called by',
  failed: 'The call-back was not recorded: {m}',
}

export function callbackMessages(lang: Lang): CallbackMessages {
  return lang === 'en' ? en : zhCN
}
