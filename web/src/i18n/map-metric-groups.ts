// The headings of the map metric select's groups (shell/LayerPanel.vue), in both languages: the dashboard's metrics,
// and at the county the 考核 scoreboard's figures of the townships.
import type { Lang } from '.'

const TEXT: Record<Lang, { dashboard: string; scoreboard: string }> = {
  'zh-CN': { dashboard: '统计指标', scoreboard: '考核(乡镇)' },
  en: { dashboard: 'Figures', scoreboard: 'Assessment (townships)' },
}

export const mapMetricGroups = (lang: Lang) => TEXT[lang]
