// The hostile corpus in its form-encoded edition, against Open311's POST requests.json and requests.xml: each case
// gets its exact status, the spec's error list ([{code, description}] or <errors><error>) naming the problem, no
// row in any table, no polluted prototype, and never a 5xx. A sanity row shows the valid form is accepted, so every
// refusal is caused by the hostile part. (The JSON corpus, corpus.ts, runs against the JSON write routes.)
import { XMLParser } from 'fast-xml-parser'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DEFAULT_TRUST } from '../../../api/config'
import { testApp } from '../../support/app'
import type { TestApp } from '../../support/app'
import { WRITE_TABLES } from '../../support/rejected'
import { LUOYANG } from './endpoints'

let t: TestApp
let key: string
beforeAll(async () => {
  t = await testApp(undefined, { trust: { ...DEFAULT_TRUST, intakeRate: null } })
  key = await t.token('intake')
})
afterAll(async () => await t.close())

const FORM = 'application/x-www-form-urlencoded'
const valid = () => ({ api_key: key, service_code: 'road-occupation', lat: String(LUOYANG.lat), long: String(LUOYANG.lng), description: '占道经营(合成)' })
const encode = (fields: Record<string, string>) => new URLSearchParams(fields).toString()
const withField = (name: string, value: string) => encode({ ...valid(), [name]: value })

interface Case { name: string; body: () => string | Uint8Array<ArrayBuffer>; type?: string | null; status: number; message: RegExp }
const form = (name: string, fields: () => Record<string, string>, message: RegExp, status = 400): Case => ({ name, body: () => encode(fields()), status, message })
/** `value` may be a function, for one that needs the key (made in beforeAll). */
const field = (name: string, f: string, value: string | (() => string), message: RegExp, status = 400): Case =>
  ({ name, body: () => withField(f, typeof value === 'string' ? value : value()), status, message })

const CASES: Case[] = [
  // The form itself
  { name: 'an empty body', body: () => '', status: 401, message: /api_key is required/ },
  { name: 'invalid UTF-8 bytes', body: () => new Uint8Array([...Buffer.from(encode(valid())), 0x26, 0x61, 0x3d, 0xff, 0xfe]), status: 400, message: /not valid UTF-8/ },
  { name: 'a percent-encoded invalid UTF-8 byte', body: () => `${encode(valid())}&note=%FF%FE`, status: 400, message: /not valid form encoding/ },
  { name: 'a broken percent escape', body: () => `${encode(valid())}&x=%E6%B3`, status: 400, message: /not valid form encoding/ },
  { name: 'a duplicate field with two values', body: () => `${encode(valid())}&service_code=illegal-building`, status: 400, message: /"service_code" appears twice/ },
  { name: 'a duplicate api_key', body: () => `${encode(valid())}&api_key=${key}`, status: 400, message: /"api_key" appears twice/ },
  { name: 'a 1 MB description', body: () => withField('description', '长'.repeat(350_000)), status: 413, message: /over 64 KB/ },
  { name: '1 MB of padding after a valid form', body: () => `${encode(valid())}&${'x'.repeat(1 << 20)}`, status: 413, message: /over 64 KB/ },
  form('__proto__ as a field', () => ({ ...valid(), __proto__: 'polluted', service_code: '' }), /service_code is required/),
  form('constructor.prototype as a field', () => ({ ...valid(), 'constructor[prototype][polluted]': '1', service_code: '' }), /service_code is required/),
  // Content type
  { name: 'Content-Type application/json', body: () => JSON.stringify(valid()), type: 'application/json', status: 415, message: /must be application\/x-www-form-urlencoded.*\(got "application\/json"\)/ },
  { name: 'no Content-Type', body: () => encode(valid()), type: null, status: 415, message: /got "none"/ },
  { name: 'multipart', body: () => encode(valid()), type: 'multipart/form-data; boundary=x', status: 415, message: /must be application\/x-www-form-urlencoded/ },
  { name: 'text/plain', body: () => encode(valid()), type: 'text/plain', status: 415, message: /must be application\/x-www-form-urlencoded/ },
  { name: 'a non-UTF-8 charset', body: () => encode(valid()), type: `${FORM}; charset=gbk`, status: 415, message: /charset=gbk is not accepted/ },
  // Credentials
  field('an api_key that is no token', 'api_key', "x' OR '1'='1", /not a valid API token/, 403),
  field('an empty api_key', 'api_key', '', /api_key is required/, 401),
  field('an api_key with an invisible character', 'api_key', () => `${key}\u200b`, /U\+200B ZERO WIDTH SPACE/),
  // Free text
  field('text one character over its maximum', 'description', 'x'.repeat(2001), /description: at most 2000 characters/),
  field('a NUL character', 'description', '占道\u0000经营', /description: must not contain control characters/),
  field('an ANSI escape sequence', 'description', '\u001b[31m红色\u001b[0m', /must not contain control characters/),
  field('a <script> tag', 'description', '<script>alert(1)</script>', /description: must be plain text/),
  field('an <img onerror> tag', 'description', '占道 <img src=x onerror=alert(1)>', /must be plain text/),
  field('an HTML comment', 'description', '占道<!-- x -->经营', /must be plain text/),
  field('a right-to-left override', 'description', '电话\u202e87654321', /U\+202E RIGHT-TO-LEFT OVERRIDE/),
  field('a zero-width joiner', 'description', '占道经\u200d营', /U\+200D ZERO WIDTH JOINER/),
  field('a byte-order mark inside text', 'description', '占道\ufeff经营', /U\+FEFF/),
  field('a right-to-left override in a name', 'last_name', '王\u202e', /U\+202E/),
  field('markup in a name', 'first_name', '<b>明</b>', /first_name\/last_name: must be plain text/),
  field('a phone that is not one', 'phone', "1' OR '1'='1", /phone: phone: 5–20 digits/),
  // Choices
  field('an SQL-looking service_code', 'service_code', "x' OR '1'='1", /is not a service here/),
  field('a service_code in the wrong case', 'service_code', 'ROAD-OCCUPATION', /is not a service here/),
  field('an unknown severity', 'attribute[severity]', 'URGENT', /attribute\[severity\]/),
  field('a jurisdiction elsewhere', 'jurisdiction_id', '1; DROP TABLE incidents', /is not served here/, 404),
  // Coordinates
  field('lat 91', 'lat', '91', /lat: lat must be between -90 and 90/),
  field('long 181', 'long', '181', /long: long must be between -180 and 180/),
  field('lat in exponent form', 'lat', '2.7e1', /not a decimal degree/),
  field('lat 1e400', 'lat', '1e400', /not a decimal degree/),
  field('lat Infinity', 'lat', 'Infinity', /not a decimal degree/),
  field('lat NaN', 'lat', 'NaN', /not a decimal degree/),
  field('lat in hex', 'lat', '0x1b', /not a decimal degree/),
  field('lat with a comma for the point', 'lat', '27,559551', /not a decimal degree/),
  field('lat and long swapped', 'lat', String(LUOYANG.lng), /lat: lat must be between -90 and 90/),
  form('a point outside 泰顺县', () => ({ ...valid(), lat: '28.0', long: '120.7' }), /outside 泰顺县/),
  form('an address without lat and long', () => ({ ...valid(), lat: '', long: '', address_string: '泰顺县罗阳镇' }), /no geocoder/),
  form('no location at all', () => ({ ...valid(), lat: '', long: '' }), /lat is missing/),
]

const xml = new XMLParser({ parseTagValue: false, isArray: (name) => name === 'error' })
const counts = async () => Object.fromEntries(await Promise.all(WRITE_TABLES.map(async (n) => [n, await t.count(n)] as const)))

async function send(path: string, c: Pick<Case, 'body' | 'type'>) {
  const headers: Record<string, string> = {}
  const type = c.type === undefined ? FORM : c.type
  if (type !== null) headers['Content-Type'] = type
  const body = c.body()
  // A Blob has no type of its own: a string body would be sent as text/plain.
  return await t.app.request(path, { method: 'POST', headers, body: typeof body === 'string' && type !== null ? body : new Blob([body]) })
}

test('the corpus has at least 40 cases', () => expect(CASES.length).toBeGreaterThanOrEqual(40))

describe.each(['json', 'xml'] as const)('POST /open311/v2/requests.%s', (format) => {
  const path = `/open311/v2/requests.${format}`
  test('the valid form is accepted (the baseline every case departs from)', async () => {
    const res = await send(path, { body: () => encode(valid()) })
    expect(res.status, await res.text()).toBe(201)
  })

  test.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const before = await counts()
    const res = await send(path, c)
    const text = await res.text()
    expect(res.status, text).toBe(c.status)
    const errors = format === 'json' ? JSON.parse(text) as { code: number; description: string }[]
      : (xml.parse(text).errors.error as { code: string; description: string }[]).map((e) => ({ code: Number(e.code), description: e.description }))
    expect(errors).toHaveLength(1)
    expect(errors[0]!.code).toBe(c.status)
    expect(errors[0]!.description).toMatch(c.message)
    expect(await counts()).toEqual(before)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.prototype).not.toHaveProperty('polluted')
  })
})
