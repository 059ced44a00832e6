import type { Messages } from './zh-CN'

export const en: Messages = {
  title: 'Taishun County Grassroots Governance One-Map',
  subtitle: 'County and townships as one · five ways of integrated governance',
  county: 'Taishun County',
  indicativeNote: 'Township, village and grid boundaries are indicative, not legal lines',
  loading: 'Loading…',
  loadFailed: 'Failed to load data',
  language: '中文',
}
