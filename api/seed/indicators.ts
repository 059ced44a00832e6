// Figures the records do not carry (applications accepted online, the dispute centre's staff, the gentry's
// projects …), one row per figure, scope and period. taishun-2020 takes them from the article (source
// 'article'); the demo uses invented values of the same order (source 'synthetic'). Periods are half-open:
// period_to is the first instant after the period.
import { ARTICLE_FIGURES } from '../../domain/article-figures'
import { COUNTY_CODE, countyOf } from '../../domain/regions'
import type { Period, SeedContext } from './context'

export const INDICATOR_IDS = [
  'cadreMattersOnline',
  'onlineApplicationRate',
  'mobilePenaltyRate',
  'disputeCentreStaff',
  'disputeCentrePlatforms',
  'disputeCentreRotatingUnits',
  'gentryMediators',
  'gentryKeyProjects',
  'projectsBroughtBack',
  'hqsReturned',
  'stationedAdjustments',
  'stationedMovedForPoorWork',
  'flexiblePostsMovedDown',
] as const
export type IndicatorId = (typeof INDICATOR_IDS)[number]

const F = ARTICLE_FIGURES

export const ARTICLE_INDICATORS: Readonly<Record<IndicatorId, number>> = {
  cadreMattersOnline: F.villageCadreOnlineReviews,
  onlineApplicationRate: F.rates.onlineAcceptance,
  mobilePenaltyRate: F.rates.mobilePenalty,
  disputeCentreStaff: F.disputeCentre.residentStaff,
  disputeCentrePlatforms: F.disputeCentre.platforms,
  disputeCentreRotatingUnits: F.disputeCentre.rotatingUnits,
  gentryMediators: F.gentry.mediators,
  gentryKeyProjects: F.gentry.keyProjects,
  projectsBroughtBack: F.gentry.projectsReturned,
  hqsReturned: F.gentry.hqsReturned,
  stationedAdjustments: F.stationed.adjustmentsConsulted,
  stationedMovedForPoorWork: F.stationed.movedForPoorWork,
  flexiblePostsMovedDown: F.flexiblePosts.postsMovedDown,
}

/**
 * A year on, the same kind of figures a little further along. The mobile-penalty rate is left out: the demo's
 * inspections carry it (inspections.mobile), so the API computes it rather than reading a constant.
 */
const DEMO_INDICATORS: Readonly<Partial<Record<IndicatorId, number>>> = {
  cadreMattersOnline: 612,
  onlineApplicationRate: 0.87,
  disputeCentreStaff: 41,
  disputeCentrePlatforms: 10,
  disputeCentreRotatingUnits: 14,
  gentryMediators: 430,
  gentryKeyProjects: 35,
  projectsBroughtBack: 52,
  hqsReturned: 66,
  stationedAdjustments: 24,
  stationedMovedForPoorWork: 3,
  flexiblePostsMovedDown: 3,
}

export function writeIndicators(ctx: SeedContext, period: Period, source: 'article' | 'synthetic'): void {
  const insert = ctx.writer.into('indicators', ['id', 'scope', 'period_from', 'period_to', 'value', 'source', 'county'])
  const values = source === 'article' ? ARTICLE_INDICATORS : DEMO_INDICATORS
  for (const id of INDICATOR_IDS) {
    const value = values[id]
    if (value !== undefined) insert([id, COUNTY_CODE, period.from, period.to, value, source, countyOf(COUNTY_CODE)])
  }
}
