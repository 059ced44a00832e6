// Property tests of intake (fast-check, 1,000 runs each): any valid incident is accepted and reads back as sent;
// any single invalid change to a valid incident is refused with a 4xx and stores nothing.
import fc from 'fast-check'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { DEFAULT_TRUST } from '../../api/config'
import { INCIDENT_TYPE_IDS } from '../../domain/catalogue'
import { COUNTY_BBOX_WGS84 } from '../../domain/regions'
import { SEVERITY_IDS, SOURCE_IDS } from '../../domain/incident'
import { testApp } from '../support/app'
import type { TestApp } from '../support/app'
import { WRITE_TABLES } from '../support/rejected'

const RUNS = 1_000
let t: TestApp
beforeAll(async () => { t = await testApp(undefined, { trust: { ...DEFAULT_TRUST, intakeRate: null } }) })
afterAll(async () => await t.close())

const [minLng, minLat, maxLng, maxLat] = COUNTY_BBOX_WGS84
const round6 = (n: number) => Math.round(n * 1e6) / 1e6
/** A point inside the county's outline: WGS84 with at most 6 decimals (what intake keeps), rejection-sampled. */
const countyPoint = fc.record({
  lng: fc.double({ min: minLng, max: maxLng, noNaN: true }).map(round6),
  lat: fc.double({ min: minLat, max: maxLat, noNaN: true }).map(round6),
}).filter((p) => t.locator.locate(p.lng, p.lat) !== null)

// Plain text as a person types it: letters, CJK, digits, punctuation (including a < that opens no tag: "1<2", "a < b"),
// spaces inside. No control characters, no markup, no lone surrogates — the schema's rules for free text.
const char = fc.oneof(
  fc.constantFrom(...'abcXYZ019 ,.;:!?()-—“”「」、。，；：！？<>=+%#@&\'"\\/\t\n'),
  fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c)),
  fc.constantFrom('😀', '𠀋', 'é', 'ß'),
)
const plain = (max: number) => fc.array(char, { minLength: 1, maxLength: max }).map((cs) => cs.join(''))
  .filter((s) => s.trim().length > 0 && s.trim().length <= max && !/<[a-zA-Z!/?]/.test(s))
const phone = fc.array(fc.constantFrom(...'0123456789'), { minLength: 5, maxLength: 15 }).map((d) => d.join(''))

const validIncident = fc.record({
  type: fc.constantFrom(...INCIDENT_TYPE_IDS),
  point: countyPoint,
  description: plain(200),
  source: fc.constantFrom(...SOURCE_IDS),
  severity: fc.constantFrom(...SEVERITY_IDS),
  reporter: fc.option(fc.record({ name: plain(20), phone }), { nil: undefined }),
}, { requiredKeys: ['type', 'point', 'description', 'source', 'severity'] })

const counts = async () => Object.fromEntries(await Promise.all(WRITE_TABLES.map(async (n) => [n, await t.count(n)] as const)))

test('any valid incident is accepted and reads back as sent', async () => {
  await fc.assert(fc.asyncProperty(validIncident, async (incident) => {
    const res = await t.post('/api/incidents', incident)
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    const back = await t.json(`/api/incidents/${res.body.id}`)
    expect(back.status).toBe(200)
    const here = t.locator.locate(incident.point.lng, incident.point.lat)!
    expect(back.body).toMatchObject({
      type: incident.type, source: incident.source, severity: incident.severity, description: incident.description.trim(),
      point: [incident.point.lng, incident.point.lat], crsIn: 'wgs84', status: 'reported',
      township: here.township, village: here.village, grid: here.grid,
      reporter: incident.reporter ? { name: incident.reporter.name.trim(), phone: incident.reporter.phone } : null,
    })
    expect(back.body.history).toHaveLength(1)
  }), { numRuns: RUNS })
})

/** One change that makes a valid incident invalid, with the field the error message must name. */
type Mutation = { name: string; apply: (b: Record<string, any>) => Record<string, any>; names: RegExp }
const drop = (key: string): Mutation => ({ name: `drop ${key}`, apply: ({ [key]: _, ...rest }) => rest, names: new RegExp(key) })
const set = (key: string, value: unknown, names = new RegExp(key.split('.')[0]!)): Mutation => ({
  name: `${key}=${JSON.stringify(value)?.slice(0, 20)}`, names,
  apply: (b) => {
    const [k, sub] = key.split('.') as [string, string | undefined]
    return sub ? { ...b, [k]: { ...b[k], [sub]: value } } : { ...b, [k]: value }
  },
})
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constantFrom(drop('type'), drop('point'), drop('description'), drop('source')),
  fc.constantFrom('type', 'source', 'severity').chain((k) => fc.string({ maxLength: 12 }).filter((s) => !(INCIDENT_TYPE_IDS as readonly string[]).concat(SOURCE_IDS, SEVERITY_IDS).includes(s)).map((v) => set(k, v))),
  fc.constantFrom('type', 'source', 'severity', 'description').chain((k) => fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.constant([]), fc.constant({})).map((v) => set(k, v))),
  fc.double({ noNaN: false }).filter((v) => !(v >= -180 && v <= 180)).map((v) => set('point.lng', Number.isFinite(v) ? v : String(v), /point\.lng/)),
  fc.double().filter((v) => !(v >= -90 && v <= 90)).map((v) => set('point.lat', Number.isFinite(v) ? v : String(v), /point\.lat/)),
  fc.oneof(fc.string(), fc.constant(null), fc.boolean()).map((v) => set('point.lng', v, /point\.lng/)),
  fc.double({ min: -180, max: 180, noNaN: true }).filter((v) => v < minLng - 0.01 || v > maxLng + 0.01).map((v) => set('point.lng', v, /outside|point/)),
  fc.constantFrom('   ', '\u0000x', 'a\u001bb', '<b>x</b>', '<script>', 'x'.repeat(2001), '\ud800').map((v) => set('description', v)),
  fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !['type', 'point', 'description', 'source', 'severity', 'reporter'].includes(k))
    .map((k): Mutation => ({ name: `extra key ${k}`, apply: (b) => ({ ...b, [k]: 1 }), names: /Unrecognized key|body/ })),
  fc.constantFrom('wgs-84', 'WGS84', 'bd-09', '').map((v) => set('point.crs', v, /point\.crs/)),
  phone.map((p) => set('reporter', { phone: p, nickname: 'x' }, /reporter/)),
)

test('any single invalid change to a valid incident is refused with a 4xx naming the field, and stores nothing', async () => {
  await fc.assert(fc.asyncProperty(validIncident, mutation, async (incident, m) => {
    const before = await counts()
    const res = await t.post('/api/incidents', m.apply(incident))
    expect(res.status, `${m.name}: ${JSON.stringify(res.body)}`).toBeGreaterThanOrEqual(400)
    expect(res.status).toBeLessThan(500)
    expect(res.body.error.message).toMatch(m.names)
    expect(await counts()).toEqual(before)
  }), { numRuns: RUNS })
})
