// The figures of the source article (中国机构编制网, 2020-12-04), in one place so seeds, tests and the
// reference endpoint agree. Counts are exact; `approx` marks the article's 近/余 ("about", "over").
import type { Label } from './label'

export const ARTICLE_SOURCE: Label & { readonly published: string } = {
  name: '浙江省温州市泰顺县"五化抓统"探索基层治理新模式(中国机构编制网)',
  nameEn: 'Taishun County explores a new grassroots governance model, "Five-ization" (China Organization Establishment Net)',
  published: '2020-12-04',
}

export const ARTICLE_FIGURES = {
  gridReports: {
    /** Grid reports July–November 2020. */
    total: 18356,
    firstMonth: '2020-07',
    lastMonth: '2020-11',
    /** November ÷ July ("11月较7月增长2.65倍", read as a ratio: 2.65× July, not 3.65×). */
    novOverJul: 2.65,
    /** "每月环比新增近25%": about. */
    monthOnMonthGrowth: 0.25,
  },
  lists: {
    listItems: 82,
    departments: 17,
    struckOut: 81,
    townshipPowerItems: 140,
    delegatedServiceItems: 448,
    /** "260余项": over 260. */
    gridServiceItems: 260,
  },
  stationed: { staff: 287, domains: 5, adjustmentsConsulted: 20, movedForPoorWork: 2 },
  nanpuxi: { jointEnforcement: 26, livelihoodMatters: 130 },
  flexiblePosts: { posts: 21, townships: 12, postsMovedDown: 3 },
  villageCadreOnlineReviews: 447,
  rates: { onlineAcceptance: 0.8, mobilePenalty: 0.9 },
  disputeCentre: { residentStaff: 39, platforms: 10, rotatingUnits: 13 },
  gentry: { mediators: 400, keyProjects: 32, projectsReturned: 47, hqsReturned: 60 },
  luoyangTaskforces2019: 10,
} as const

export type ArticleFigureRow = Label & { readonly value: number; readonly unit: 'count' | 'ratio'; readonly approx?: true }

/** The article's table as labelled rows, for an "about this model" panel. */
export const ARTICLE_FIGURE_ROWS: readonly ArticleFigureRow[] = [
  { name: '网格上报信息(2020年7—11月)', nameEn: 'Grid reports, Jul–Nov 2020', value: 18356, unit: 'count' },
  { name: '11月÷7月', nameEn: 'November ÷ July', value: 2.65, unit: 'ratio' },
  { name: '月环比增长', nameEn: 'Month-on-month growth', value: 0.25, unit: 'ratio', approx: true },
  { name: '属地管理清单事项', nameEn: 'Items on the local-responsibility list', value: 82, unit: 'count' },
  { name: '涉及部门', nameEn: 'Departments with list items', value: 17, unit: 'count' },
  { name: '删减事项', nameEn: 'Items struck out', value: 81, unit: 'count' },
  { name: '乡镇行政权力事项', nameEn: 'Township power items', value: 140, unit: 'count' },
  { name: '下沉及公共服务等事项', nameEn: 'Delegated and service items', value: 448, unit: 'count' },
  { name: '网格服务事项', nameEn: 'Grid service items', value: 260, unit: 'count', approx: true },
  { name: '五大派驻领域下沉人员', nameEn: 'Stationed staff in five domains', value: 287, unit: 'count' },
  { name: '征求乡镇意见的人员调整', nameEn: 'Staff changes put to townships', value: 20, unit: 'count' },
  { name: '因表现差另行调整', nameEn: 'Staff moved for poor work', value: 2, unit: 'count' },
  { name: '南浦溪镇联合执法违建事项', nameEn: 'Nanpuxi joint enforcement on illegal building', value: 26, unit: 'count' },
  { name: '南浦溪镇派驻部门办理民生事项', nameEn: 'Nanpuxi livelihood matters by stationed departments', value: 130, unit: 'count' },
  { name: '事业周转编制', nameEn: 'Flexible posts', value: 21, unit: 'count' },
  { name: '核定周转编制的乡镇', nameEn: 'Townships holding flexible posts', value: 12, unit: 'count' },
  { name: '村干部资格联审网上办理', nameEn: 'Village cadre reviews handled online', value: 447, unit: 'count' },
  { name: '政务服务2.0平台受理率', nameEn: 'County applications accepted online', value: 0.8, unit: 'ratio' },
  { name: '掌上执法率', nameEn: 'Simple penalties handled on mobile', value: 0.9, unit: 'ratio' },
  { name: '矛调中心常驻人员', nameEn: 'Dispute centre resident staff', value: 39, unit: 'count' },
  { name: '矛调中心入驻平台', nameEn: 'Dispute centre platforms', value: 10, unit: 'count' },
  { name: '矛调中心轮驻单位', nameEn: 'Dispute centre rotating units', value: 13, unit: 'count' },
  { name: '参与重点项目的乡贤', nameEn: 'New-gentry in key projects', value: 400, unit: 'count', approx: true },
  { name: '重点项目', nameEn: 'Key projects', value: 32, unit: 'count' },
  { name: '招引回归项目', nameEn: 'Projects brought back', value: 47, unit: 'count' },
  { name: '总部回归企业', nameEn: 'Headquarters returned', value: 60, unit: 'count', approx: true },
]

export type MonthlyReports = { readonly month: string; readonly reports: number }

/**
 * Monthly grid-report counts for July–November 2020 that sum exactly to 18,356 and whose
 * November ÷ July rounds to 2.65: geometric growth at 2.65^(1/4) ≈ +27.6 % a month (the article's
 * "近25%"), rounded by largest remainder so the total is exact. Seeds draw their volumes from this.
 */
export function monthlyReportPlan(): MonthlyReports[] {
  const { total, novOverJul } = ARTICLE_FIGURES.gridReports
  const months = ['2020-07', '2020-08', '2020-09', '2020-10', '2020-11']
  const r = novOverJul ** (1 / (months.length - 1))
  const weights = months.map((_, i) => r ** i)
  const sum = weights.reduce((a, b) => a + b, 0)
  const exact = weights.map((w) => (w / sum) * total)
  const floors = exact.map(Math.floor)
  let short = total - floors.reduce((a, b) => a + b, 0)
  const byRemainder = exact.map((x, i) => ({ i, rem: x - Math.floor(x) })).sort((a, b) => b.rem - a.rem)
  for (const { i } of byRemainder) {
    if (short <= 0) break
    floors[i] = (floors[i] ?? 0) + 1
    short--
  }
  return months.map((month, i) => ({ month, reports: floors[i] ?? 0 }))
}
