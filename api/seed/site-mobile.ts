// The article's "掌上执法率 90 %" made exact inside a window: the number of penalty inspections and of the other
// inspections there are both brought to multiples of ten (by turning a few 责令整改 into 立案处罚 and adding a few
// 专项检查 that pass), then exactly nine in ten of each are marked mobile. The API's mobile-enforcement rate for
// the window then reads 0.9 whichever of the two it counts.
import type { Window } from '../../domain/calendar'
import type { Rng } from './random'
import type { PlannedInspection } from './site-schedule'
import { officeHours } from './site-schedule'

interface SiteLike {
  inspections: PlannedInspection[]
}

const inside = (w: Window, t: number) => t >= w.from && t < w.to

function inWindow(sites: readonly SiteLike[], w: Window): PlannedInspection[] {
  return sites.flatMap((s) => s.inspections.filter((i) => inside(w, i.at)))
}

export function exactMobileShare(rng: Rng, sites: SiteLike[], w: Window): void {
  const penalties = () => inWindow(sites, w).filter((i) => i.result === 'penalty')
  const short = (10 - (penalties().length % 10)) % 10
  const rectify = rng.shuffle(inWindow(sites, w).filter((i) => i.result === 'rectify'))
  if (rectify.length < short) throw new Error('too few inspections in the window to make the mobile share exact')
  for (const i of rectify.slice(0, short)) {
    i.result = 'penalty'
    i.kind = 'penalty'
  }
  // Extra passing checks go before a site's last inspection, so no site's last-inspected date moves.
  const others = () => inWindow(sites, w).filter((i) => i.result !== 'penalty')
  for (let missing = (10 - (others().length % 10)) % 10; missing > 0;) {
    const site = rng.pick(sites)
    const last = site.inspections.at(-1)?.at ?? 0
    const at = officeHours(rng, rng.between(w.from, Math.min(w.to, last)))
    if (last <= w.from || !inside(w, at) || at >= last || site.inspections.some((i) => i.at === at)) continue
    site.inspections.push({ at, result: 'pass', kind: 'special-pass', mobile: true, offSite: false, simple: false, note: null, penaltyYuan: null })
    site.inspections.sort((a, b) => a.at - b.at)
    missing--
  }
  for (const group of [penalties(), others()]) {
    rng.shuffle(group).forEach((insp, k) => {
      insp.mobile = k < (group.length * 9) / 10
    })
  }
}
