// Who took a step of a record's history, as the timeline says it: "张三 · 乡镇干部". Steps recorded before actors
// were (the server answers `by: null`) are the system's: 系统（迁移前）, said plainly rather than left blank, so a
// reader does not take a missing name for an anonymous act.
import { ROLE_LABELS } from '../../../domain/roles'
import type { Role } from '../../../domain/roles'
import type { Lang } from '../i18n'
import type { Messages } from '../i18n/zh-CN'

export interface Actor { name: string; role: string }

function roleName(role: string, lang: Lang): string {
  const label = (ROLE_LABELS as Record<string, { name: string; nameEn: string } | undefined>)[role as Role]
  return label ? (lang === 'en' ? label.nameEn : label.name) : role
}

export function actorLabel(by: Actor | null, lang: Lang, t: Messages): string {
  if (!by) return t.actorBeforeRecording
  const role = roleName(by.role, lang)
  return role ? `${by.name} · ${role}` : by.name
}

/** The actor inside a sentence: "演示·县领导（县领导）" / "演示·县领导 (County leader)". */
export function actorInSentence(by: Actor | null, lang: Lang, t: Messages): string {
  if (!by) return t.actorBeforeRecording
  const role = roleName(by.role, lang)
  if (!role) return by.name
  return lang === 'en' ? `${by.name} (${role})` : `${by.name}（${role}）`
}
