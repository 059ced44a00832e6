// The strings of the exports: the 导出 menu (lists as CSV or Excel), the map as a picture. Kept apart from the
// map's tables, as the alerts' are, so the export controls read (and translate) as one piece.
import type { Lang } from '.'

const zhCN = {
  exportButton: '导出',
  exportTitle: '导出当前视图的清单（筛选条件、范围同地图）',
  csv: 'CSV',
  excel: 'Excel',
  incidents: '网格事件',
  disputes: '矛盾纠纷',
  sites: '重点监管场所',
  whistles: '吹哨报到',
  alerts: '研判预警',
  mapPng: '导出地图图片',
  mapPngTitle: '当前地图（含图例与范围名称）导出为 PNG',
  mapPngBusy: '正在生成…',
  scale: '倍率',
  period: '时段',
  dataAt: '导出于',
  metric: '着色指标',
}
export type ExportMessages = typeof zhCN

const en: ExportMessages = {
  exportButton: 'Export',
  exportTitle: 'Export the lists of this view (the map\'s filters and area)',
  csv: 'CSV',
  excel: 'Excel',
  incidents: 'Incidents',
  disputes: 'Disputes',
  sites: 'Supervised sites',
  whistles: 'Whistle calls',
  alerts: 'Alerts',
  mapPng: 'Map as PNG',
  mapPngTitle: 'The map as shown, with its legend and the area\'s name, as a PNG',
  mapPngBusy: 'Drawing…',
  scale: 'Scale',
  period: 'Period',
  dataAt: 'Exported',
  metric: 'Coloured by',
}

export function exportMessages(lang: Lang): ExportMessages {
  return lang === 'en' ? en : zhCN
}
