// The article's figures that are not aggregates of records: indicators (rates such as 80 % of applications
// accepted online, per scope and period) and the staffing of the townships (stationed staff per domain, flexible
// posts), read as stored so the API shows exactly what the county reported.
import type { Indicators, Staffing } from '../../domain/answers/metrics'
import { STATIONED_DOMAIN_IDS } from '../../domain/departments'
import type { Store } from '../store'
import type { RegionStats } from './region-stats'

export function figureService({ store, regions }: { store: Store; regions: RegionStats }) {
  return {
    async indicators(scope: string | undefined, from: number | undefined, to: number | undefined) {
      const rows = await store.metrics.indicators(scope, from, to)
      return {
        indicators: rows.map((r) => ({
          id: r.id, scope: r.scope,
          period: { from: new Date(r.periodFrom).toISOString(), to: new Date(r.periodTo).toISOString() },
          value: r.value, source: r.source,
        })),
      }
    },

    /** Every township appears in `stationed` (0 staff where none); `flexiblePosts` lists the townships holding posts. */
    async staffing() {
      const staff = await store.metrics.stationedStaff()
      // Domains in the domain model's order, then any other the table holds, so nothing stored goes unshown.
      const domains = [...new Set([...STATIONED_DOMAIN_IDS, ...staff.map((r) => r.domain)])]
      const zero = () => Object.fromEntries(domains.map((d) => [d, 0])) as Record<string, number>
      const byTownship = new Map(regions.townships.map((t) => [t, zero()]))
      const byDomain = zero()
      for (const r of staff) {
        const row = byTownship.get(r.township) ?? zero()
        row[r.domain] = (row[r.domain] ?? 0) + r.staff
        byTownship.set(r.township, row)
        byDomain[r.domain] = (byDomain[r.domain] ?? 0) + r.staff
      }
      const total = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0)
      const posts = (await store.metrics.flexiblePosts()).filter((p) => p.posts > 0)
      return {
        stationed: {
          domains,
          townships: [...byTownship].map(([township, byDom]) =>
            ({ township, name: regions.name(township) ?? null, byDomain: byDom, total: total(byDom) })),
          byDomain,
          total: total(byDomain),
        },
        flexiblePosts: {
          townships: posts.map((p) => ({ township: p.township, name: regions.name(p.township) ?? null, posts: p.posts })),
          total: posts.reduce((a, p) => a + p.posts, 0),
          townshipCount: posts.length,
        },
      }
    },
  }
}
export type FigureService = ReturnType<typeof figureService>
