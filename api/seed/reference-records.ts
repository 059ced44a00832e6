// Reference records that are counts and places rather than events: the 287 stationed staff by township and
// domain, the 21 flexible posts in 12 townships (事业编制银行), and the service points (党群服务中心, 村级便民服务中心,
// 代办点, 自助服务终端). The totals are the article's; how they split across townships is our plausible choice.
import { ARTICLE_FIGURES } from '../../domain/article-figures'
import { STATIONED_DOMAIN_IDS } from '../../domain/departments'
import type { StationedDomainId } from '../../domain/departments'
import { countyOf } from '../../domain/regions'
import type { SeedContext } from './context'
import { apportion } from './random'

/** Larger stations for enforcement and market supervision, small 司法所 everywhere. */
const DOMAIN_WEIGHT: Record<StationedDomainId, number> = { justice: 0.13, 'natural-resources': 0.2, market: 0.22, housing: 0.15, enforcement: 0.3 }

function townshipHouseholds(ctx: SeedContext): [string, number][] {
  const m = new Map<string, number>()
  for (const p of ctx.grids.places) m.set(p.township, (m.get(p.township) ?? 0) + p.households)
  return [...m].sort(([a], [b]) => (a < b ? -1 : 1))
}

/** Every township has at least one person of every domain; the rest follow size. */
export function writeStationedStaff(ctx: SeedContext): void {
  const insert = ctx.writer.into('stationed_staff', ['township', 'domain', 'staff', 'synthetic', 'county'])
  const cells = townshipHouseholds(ctx).flatMap(([township, hh]) =>
    STATIONED_DOMAIN_IDS.map((domain) => ({ township, domain, weight: (4 + hh / 1000) * DOMAIN_WEIGHT[domain] })))
  const extra = apportion(ARTICLE_FIGURES.stationed.staff - cells.length, cells.map((c) => c.weight))
  cells.forEach((c, i) => insert([c.township, c.domain, 1 + (extra[i] ?? 0), 1, countyOf(c.township)]))
}

/** The article names 罗阳镇, 泗溪镇 and 雅阳镇 among the 12; the other nine are the next largest townships. */
const NAMED_POSTS: ReadonlyMap<string, number> = new Map([['330329100', 4], ['330329106', 3], ['330329104', 2]])

export function writeFlexiblePosts(ctx: SeedContext): void {
  const { posts, townships } = ARTICLE_FIGURES.flexiblePosts
  const others = townshipHouseholds(ctx)
    .filter(([t]) => !NAMED_POSTS.has(t))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, townships - NAMED_POSTS.size)
  const left = posts - [...NAMED_POSTS.values()].reduce((a, b) => a + b, 0)
  // Spread what is left one each, then one more to the largest, until it is used up.
  const rows = new Map(NAMED_POSTS)
  others.forEach(([t], i) => rows.set(t, 1 + (i < left - others.length ? 1 : 0)))
  const insert = ctx.writer.into('flexible_posts', ['township', 'posts', 'synthetic', 'county'])
  for (const [township, n] of [...rows].sort(([a], [b]) => (a < b ? -1 : 1))) insert([township, n, 1, countyOf(township)])
}

export const SERVICE_POINT_KINDS = ['party-centre', 'village-centre', 'agency-point', 'self-service'] as const
export type ServicePointKind = (typeof SERVICE_POINT_KINDS)[number]

export function writeServicePoints(ctx: SeedContext): void {
  const rng = ctx.rng('service-points')
  const insert = ctx.writer.into('service_points', ['id', 'kind', 'name', 'lng', 'lat', 'township', 'village', 'synthetic', 'county'])
  let id = 0
  const add = (kind: ServicePointKind, name: string, p: [number, number], township: string, village: string | null) =>
    insert([++id, kind, name, p[0], p[1], township, village, 1, countyOf(township)])
  const townshipNames = new Map(ctx.grids.places.map((p) => [p.township, p.townshipName]))
  for (const [township, seat] of [...ctx.grids.seats].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const name = townshipNames.get(township) ?? township
    // The centre stands at the seat; if an indicative boundary leaves the seat outside, in the largest village.
    const home = ctx.grids.villageAt(seat, township)
    const largest = ctx.grids.villages.filter((v) => v.township === township).sort((a, b) => b.households - a.households)[0]
    const spot = home ?? largest
    if (!spot) continue
    const at = home ? seat : ctx.grids.pointInVillage(rng, spot.id)
    add('party-centre', `${name}“瓯江红”党群服务中心`, at, township, null)
    add('self-service', `${name}政务服务自助终端`, ctx.grids.pointInVillage(rng, spot.id), township, spot.id)
  }
  for (const v of ctx.grids.villages) {
    add('village-centre', `${v.name}便民服务中心`, ctx.grids.pointInVillage(rng, v.id), v.township, v.id)
  }
  // 代办点 ("办事不回乡"): in every community and in each township's largest village.
  const agencies = ctx.grids.villages.filter((v) => v.urban || ctx.grids.villages.filter((o) => o.township === v.township && !o.urban)
    .sort((a, b) => b.households - a.households)[0]?.id === v.id)
  for (const v of agencies) add('agency-point', `${v.name}代办点`, ctx.grids.pointInVillage(rng, v.id), v.township, v.id)
  for (const v of ctx.grids.villages.filter((o) => o.urban && o.township === '330329100')) {
    add('self-service', `${v.name}自助服务终端`, ctx.grids.pointInVillage(rng, v.id), v.township, v.id)
  }
}
