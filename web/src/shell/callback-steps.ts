// An incident's call-back tasks (回访) as timeline steps and as the drawer's one open task: pure, so the drawer and
// its tests read the same. The drawn step at the verification (with the due time and who calls), the answer when
// recorded (result, who, the note); a task past its due time says it is late.
import { CALLBACK_OWNER_LABELS, CALLBACK_RESULTS, REDO_RESULT } from '../../../domain/callback'
import type { Lang } from '../i18n'
import type { CallbackMessages } from '../i18n/callback'
import { formatDateTime } from '../i18n/format'
import type { Messages } from '../i18n/zh-CN'
import { actorLabel } from './history-actor'
import type { Actor } from './history-actor'
import type { Step } from './record-facts'

/** A task as the incident's detail answers it (domain/answers/callback.ts CallbackTask). */
export interface CallbackTaskView {
  id: number
  owner: string
  status: string
  late: boolean
  createdAt: string
  dueBy: string
  result: string | null
  note: string | null
  doneAt: string | null
  by: Actor | null
  canRecord: boolean
}

const named = (list: readonly { id: string; name: string; nameEn: string }[], id: string, lang: Lang) => {
  const l = list.find((x) => x.id === id)
  return l ? (lang === 'en' ? l.nameEn : l.name) : id
}
export const resultName = (id: string, lang: Lang) => named(CALLBACK_RESULTS, id, lang)

export function callbackSteps(tasks: readonly CallbackTaskView[], lang: Lang, t: Messages, ct: CallbackMessages): Step[] {
  return tasks.flatMap((task) => {
    const drawn: Step = {
      at: task.createdAt, text: ct.drawn, note: null,
      detail: `${named(CALLBACK_OWNER_LABELS, task.owner, lang)} · ${ct.dueBy.replace('{t}', formatDateTime(task.dueBy, lang))}${task.late && task.result === null ? ` · ${ct.late}` : ''}`,
    }
    if (task.result === null || task.doneAt === null) return [drawn]
    const answered: Step = {
      at: task.doneAt, text: `${ct.done} · ${resultName(task.result, lang)}`, note: task.note,
      by: actorLabel(task.by, lang, t), ...(task.late ? { detail: ct.late } : {}),
    }
    return [drawn, answered]
  })
}

/** The task the caller may answer now, if any (there is at most one awaited task per incident). */
export const openTask = (tasks: readonly CallbackTaskView[]) => tasks.find((task) => task.canRecord && task.result === null) ?? null

/** What is missing before the answer can be sent: a result, and for 不满意 a note. */
export function callbackProblem(result: string, note: string): 'result' | 'note' | null {
  if (!CALLBACK_RESULTS.some((r) => r.id === result)) return 'result'
  if (result === REDO_RESULT && note.trim() === '') return 'note'
  return null
}
