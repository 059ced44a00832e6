// Chinese first; `?lang=en` switches every string. One tiny lookup instead of a library: the app has few strings.
import { en } from './en'
import { zhCN } from './zh-CN'
import type { Messages } from './zh-CN'

export type Lang = 'zh-CN' | 'en'

export function langFromUrl(search = window.location.search): Lang {
  return new URLSearchParams(search).get('lang') === 'en' ? 'en' : 'zh-CN'
}

const tables: Record<Lang, Messages> = { 'zh-CN': zhCN, en }

export function messages(lang: Lang): Messages {
  return tables[lang]
}

/** This page in the other language: the same URL with `lang=en` added or taken away. */
export function otherLanguageHref(lang: Lang, location: { pathname: string; search: string } = window.location): string {
  const q = new URLSearchParams(location.search)
  if (lang === 'en') q.delete('lang'); else q.set('lang', 'en')
  const s = q.toString()
  return `${location.pathname}${s ? `?${s}` : ''}`
}
