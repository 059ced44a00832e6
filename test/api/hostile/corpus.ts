// The hostile-input corpus: named requests a careless or malicious client can send to a write endpoint, each with
// the exact status, error code and a message pattern that names the problem. Cases are written against an
// Endpoint description (endpoints.ts), so every case runs against every write endpoint it applies to.
// Transport-level cases that need a real socket (200 MB bodies, a trickled body) are in stream.test.ts.
import type { Endpoint } from './endpoints'

export interface Sent { body: string | Uint8Array; headers?: Record<string, string>; path?: (path: string) => string }

export interface HostileCase {
  name: string
  applies?: (e: Endpoint) => boolean
  /** A first request that is allowed to succeed (e.g. the first use of an Idempotency-Key); not counted. */
  before?: (e: Endpoint) => Sent
  send: (e: Endpoint) => Sent
  status: number
  code: string
  message: (e: Endpoint) => RegExp
}

const json = (v: unknown) => JSON.stringify(v)
const withField = (e: Endpoint, field: string, value: unknown) => json({ ...e.valid, [field]: value })
/** The valid body with `field` set to a raw JSON token that JSON.stringify cannot produce (NaN, 1e400, …). */
const withRaw = (e: Endpoint, field: string, raw: string) => withField(e, field, '\u0000RAW').replace('"\\u0000RAW"', raw)
/** Prepends raw `"key": value,` members to the valid body. */
const prepend = (e: Endpoint, members: string) => `{${members},${json(e.valid).slice(1)}`
const re = (s: string) => new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
const fixed = (r: RegExp) => () => r
const upper = (s: string) => s.toUpperCase()
/** The endpoint's enumeration field; only asked for by the cases that apply to an endpoint with one (hasChoice). */
const choiceOf = (e: Endpoint) => e.choice ?? ''
const choiceValue = (e: Endpoint) => String(e.valid[choiceOf(e)])
const hasChoice = (e: Endpoint) => e.choice !== undefined

const NOT_JSON = fixed(/the body is not valid JSON/)
const syntax = (name: string, body: (e: Endpoint) => string): HostileCase =>
  ({ name, send: (e) => ({ body: body(e) }), status: 400, code: 'invalid_json', message: NOT_JSON })
const invalid = (name: string, body: (e: Endpoint) => string, message: (e: Endpoint) => RegExp, applies?: (e: Endpoint) => boolean): HostileCase =>
  ({ name, applies, send: (e) => ({ body: body(e) }), status: 422, code: 'invalid', message })
const mediaType = (name: string, type: string | null, message: RegExp): HostileCase => ({
  name, send: (e) => ({ body: json(e.valid), headers: type === null ? { 'Content-Type': '' } : { 'Content-Type': type } }),
  status: 415, code: 'unsupported_media_type', message: fixed(message),
})
const hasPoint = (e: Endpoint) => e.point
const point = (name: string, value: unknown, message: RegExp): HostileCase =>
  invalid(name, (e) => withField(e, 'point', value), fixed(message), hasPoint)
const deep = (n: number, open: string, leaf: string, close: string) => open.repeat(n) + leaf + close.repeat(n)
/** Text with an invisible formatting character at `index` (counted in characters): 400 naming where and which. */
const invisible = (name: string, text: string, index: number, which: string): HostileCase => ({
  name, send: (e) => ({ body: withField(e, e.text.field, text) }), status: 400, code: 'invisible_character',
  message: (e) => re(`${e.text.field}: invisible character ${which} at index ${index} `),
})

/** Plain text that only looks like markup to a careless filter: "<" or ">" that opens no tag. Each is accepted. */
export const PLAIN_TEXT: string[] = ['1<2', '价格>100元', 'a < b > c', '温度<30℃且湿度>80%', '<<紧急>>', '3 <= 4', '->', '< script >', '<3']

export const CORPUS: HostileCase[] = [
  // ── Not JSON at all, or not UTF-8 ────────────────────────────────────────────────────────────────────────────
  syntax('truncated JSON', (e) => json(e.valid).slice(0, Math.floor(json(e.valid).length / 2))),
  { name: 'an empty body', send: () => ({ body: '' }), status: 400, code: 'invalid_json', message: fixed(/the body is empty/) },
  { name: 'a body of only whitespace', send: () => ({ body: ' \n\t ' }), status: 400, code: 'invalid_json', message: fixed(/the body is empty/) },
  { name: 'a UTF-8 byte-order mark', send: (e) => ({ body: `\uFEFF${json(e.valid)}` }), status: 400, code: 'invalid_json', message: fixed(/byte-order mark/) },
  { name: 'invalid UTF-8 bytes in a string', send: (e) => {
    const text = new TextEncoder().encode(withField(e, e.text.field, 'AB'))
    const at = text.indexOf(0x41) // the "A" of the value
    text[at] = 0xff; text[at + 1] = 0xfe
    return { body: text }
  }, status: 400, code: 'invalid_json', message: fixed(/not valid UTF-8/) },
  { name: 'a UTF-16 body labelled as JSON', send: (e) => ({ body: new Uint8Array(Buffer.from(json(e.valid), 'utf16le')) }),
    status: 400, code: 'invalid_json', message: fixed(/not valid (JSON|UTF-8)/) },
  syntax('a NaN literal', (e) => withRaw(e, e.text.field, 'NaN')),
  syntax('an Infinity literal', (e) => withRaw(e, e.text.field, 'Infinity')),
  syntax('a -Infinity literal', (e) => withRaw(e, e.text.field, '-Infinity')),
  syntax('a hexadecimal number', (e) => withRaw(e, e.text.field, '0x1F')),
  syntax('single-quoted strings', (e) => json(e.valid).replaceAll('"', "'")),
  syntax('a trailing comma', (e) => json(e.valid).replace(/}$/, ',}')),
  syntax('a comment', (e) => `/* from the app */${json(e.valid)}`),
  syntax('two JSON values in one body', (e) => `${json(e.valid)}${json(e.valid)}`),

  // ── Parses, but ambiguous or hostile in shape ────────────────────────────────────────────────────────────────
  { name: 'a duplicate key with two different values', send: (e) => ({ body: prepend(e, `"${e.text.field}":"第一个"`) }),
    status: 400, code: 'duplicate_key', message: (e) => re(`the key "${e.text.field}" appears twice`) },
  { name: 'a duplicate key with the same value', applies: hasChoice, send: (e) => ({ body: prepend(e, `"${choiceOf(e)}":${json(e.valid[choiceOf(e)])}`) }),
    status: 400, code: 'duplicate_key', message: (e) => re(`the key "${choiceOf(e)}" appears twice`) },
  { name: 'a duplicate key disguised by a \\u escape', applies: hasChoice, send: (e) => ({ body: prepend(e, `"\\u${choiceOf(e).charCodeAt(0).toString(16).padStart(4, '0')}${choiceOf(e).slice(1)}":${json(e.valid[choiceOf(e)])}`) }),
    status: 400, code: 'duplicate_key', message: (e) => re(`the key "${choiceOf(e)}" appears twice`) },
  invalid('a __proto__ key', (e) => prepend(e, '"__proto__":{"polluted":true}'), fixed(/Unrecognized key: "__proto__"/)),
  invalid('a constructor.prototype key', (e) => prepend(e, '"constructor":{"prototype":{"polluted":true}}'), fixed(/Unrecognized key: "constructor"/)),
  invalid('a __proto__ object as a field value', (e) => withRaw(e, choiceOf(e), '{"__proto__":{"polluted":true}}'), (e) => re(`${choiceOf(e)}: Invalid option`), hasChoice),
  { name: 'arrays nested 10,000 deep', send: (e) => ({ body: withRaw(e, e.text.field, deep(10_000, '[', '1', ']')) }),
    status: 400, code: 'too_deep', message: fixed(/nests arrays or objects more than 32 deep/) },
  { name: 'objects nested 10,000 deep', send: () => ({ body: deep(10_000, '{"a":', '1', '}') }),
    status: 400, code: 'too_deep', message: fixed(/more than 32 deep/) },
  { name: 'an unclosed 10,000-deep nesting', send: () => ({ body: '['.repeat(10_000) }),
    status: 400, code: 'too_deep', message: fixed(/more than 32 deep/) },
  invalid('a top-level array', (e) => json([e.valid]), fixed(/body: Invalid input: expected object, received array/)),
  invalid('a top-level null', () => 'null', fixed(/expected object, received null/)),
  invalid('a top-level string', (e) => json(json(e.valid)), fixed(/expected object, received string/)),
  invalid('an empty object', () => '{}', (e) => re(`${choiceOf(e)}: `), hasChoice),
  invalid('an unknown key', (e) => withField(e, 'severty', 'urgent'), fixed(/Unrecognized key: "severty"/)),
  invalid('a client timestamp in 1970', (e) => withField(e, 'reportedAt', '1970-01-01T00:00:00Z'), fixed(/Unrecognized key: "reportedAt"/)),
  invalid('a client timestamp in 2100', (e) => withField(e, 'reportedAt', '2100-01-01T00:00:00+08:00'), fixed(/Unrecognized key: "reportedAt"/)),
  invalid('an epoch-millisecond timestamp of 0', (e) => withField(e, 'at', 0), fixed(/Unrecognized key: "at"/)),
  invalid('1e400 (overflows to Infinity) as a value', (e) => withRaw(e, e.text.field, '1e400'), (e) => re(`${e.text.field}: Invalid input: expected string, received Infinity`)),

  // ── Oversized ────────────────────────────────────────────────────────────────────────────────────────────────
  { name: 'a 1 MB string', send: (e) => ({ body: withField(e, e.text.field, '长'.repeat(350_000)) }),
    status: 413, code: 'too_large', message: fixed(/over 64 KB/) },
  { name: '1 MB of whitespace after a valid body', send: (e) => ({ body: json(e.valid) + ' '.repeat(1 << 20) }),
    status: 413, code: 'too_large', message: fixed(/over 64 KB/) },
  invalid('text one character over its maximum', (e) => withField(e, e.text.field, 'x'.repeat(e.text.max + 1)), (e) => re(`${e.text.field}: at most ${e.text.max} characters`)),

  // ── Text that is not plain text ──────────────────────────────────────────────────────────────────────────────
  invalid('a NUL character in text', (e) => withField(e, e.text.field, '占道\u0000经营'), (e) => re(`${e.text.field}: must not contain control characters`)),
  invalid('an ANSI escape sequence in text', (e) => withField(e, e.text.field, '\u001b[31m红色\u001b[0m'), (e) => re(`${e.text.field}: must not contain control characters`)),
  invalid('an unpaired surrogate in text', (e) => withRaw(e, e.text.field, '"\\ud800占道"'), (e) => re(`${e.text.field}: contains an unpaired UTF-16 surrogate`)),
  invalid('a <script> tag in text', (e) => withField(e, e.text.field, '<script>alert(1)</script>'), (e) => re(`${e.text.field}: must be plain text`)),
  invalid('an <img onerror> tag in text', (e) => withField(e, e.text.field, '占道 <img src=x onerror=alert(1)>'), (e) => re(`${e.text.field}: must be plain text`)),
  invalid('a </b> closing tag in text', (e) => withField(e, e.text.field, '加粗</b>结束'), (e) => re(`${e.text.field}: must be plain text`)),
  invalid('an <a href> tag in text', (e) => withField(e, e.text.field, '详见<a href="https://example.com">链接</a>'), (e) => re(`${e.text.field}: must be plain text`)),
  invalid('an <img src=x> tag in text', (e) => withField(e, e.text.field, '<img src=x>'), (e) => re(`${e.text.field}: must be plain text`)),
  invalid('an HTML comment in text', (e) => withField(e, e.text.field, '占道<!-- x -->经营'), (e) => re(`${e.text.field}: must be plain text`)),
  invisible('a right-to-left override in text', '电话\u202e87654321', 2, 'U+202E RIGHT-TO-LEFT OVERRIDE'),
  invisible('a left-to-right override in text', '占道\u202d经营', 2, 'U+202D LEFT-TO-RIGHT OVERRIDE'),
  invisible('a right-to-left embedding in text', '\u202b占道经营\u202c', 0, 'U+202B RIGHT-TO-LEFT EMBEDDING'),
  invisible('a right-to-left isolate in text', '占道经营\u2067abc\u2069', 4, 'U+2067 RIGHT-TO-LEFT ISOLATE'),
  invisible('a first-strong isolate in text', '占\u2068道', 1, 'U+2068 FIRST STRONG ISOLATE'),
  invisible('a zero-width space in text', '占道\u200b经营', 2, 'U+200B ZERO WIDTH SPACE'),
  invisible('a zero-width joiner in text', '占道经\u200d营', 3, 'U+200D ZERO WIDTH JOINER'),
  invisible('a right-to-left mark in text', '𠮷野家\u200f', 3, 'U+200F RIGHT-TO-LEFT MARK'),
  invisible('a byte-order mark inside text', '占道\ufeff经营', 2, 'U+FEFF ZERO WIDTH NO-BREAK SPACE (byte-order mark)'),
  invisible('a byte-order mark leading text', '\ufeff占道经营', 0, 'U+FEFF ZERO WIDTH NO-BREAK SPACE (byte-order mark)'),
  invalid('text that is only spaces', (e) => withField(e, e.text.field, '   '), (e) => re(`${e.text.field}: must not be empty`)),
  invalid('text as a number', (e) => withField(e, e.text.field, 42), (e) => re(`${e.text.field}: Invalid input: expected string, received number`)),
  invalid('text as an array', (e) => withField(e, e.text.field, ['占道']), (e) => re(`${e.text.field}: Invalid input: expected string, received array`)),

  // ── Values outside their list; SQL-looking input ─────────────────────────────────────────────────────────────
  invalid('an SQL-looking value for a choice', (e) => withField(e, choiceOf(e), "x' OR '1'='1"), (e) => re(`${choiceOf(e)}: Invalid option`), hasChoice),
  invalid('an SQL-looking key', (e) => withField(e, 'type; DROP TABLE incidents; --', 1), fixed(/Unrecognized key: "type; DROP TABLE incidents; --"/)),
  { name: 'an SQL-looking id in the path', applies: (e) => e.name.includes(':id'),
    send: (e) => ({ body: json(e.valid), path: (p) => p.replace(/\/\d+\//, '/1%20OR%201=1/') }),
    status: 404, code: 'not_found', message: fixed(/id "1 OR 1=1": ids are whole numbers/) },
  invalid('a choice in the wrong case', (e) => withField(e, choiceOf(e), upper(choiceValue(e))), (e) => re(`${choiceOf(e)}: Invalid option`), hasChoice),
  invalid('a choice as null', (e) => withField(e, choiceOf(e), null), (e) => re(`${choiceOf(e)}: Invalid option`), hasChoice),

  // ── Coordinates ──────────────────────────────────────────────────────────────────────────────────────────────
  point('coordinates as strings', { lng: '119.708034', lat: '27.559551' }, /point\.lng: Invalid input: expected number, received string/),
  point('a null coordinate', { lng: null, lat: 27.559551 }, /point\.lng: Invalid input: expected number, received null/),
  point('a 3-element position', [119.708034, 27.559551, 300], /point: Invalid input: expected object, received array/),
  point('a GeoJSON Point instead of {lng, lat}', { type: 'Point', coordinates: [119.708034, 27.559551] }, /point\.lng: Invalid input: expected number/),
  point('swapped lng/lat', { lng: 27.559551, lat: 119.708034 }, /point\.lat: lat must be between -90 and 90/),
  point('a coordinate system we do not know', { lng: 119.708034, lat: 27.559551, crs: 'epsg:3857' }, /point\.crs: Invalid option: expected one of "wgs84"/),
  invalid('1e400 as a coordinate', (e) => withField(e, 'point', '\u0000RAW').replace('"\\u0000RAW"', '{"lng":1e400,"lat":27.5}'), fixed(/point\.lng: Invalid input: expected number, received Infinity/), hasPoint),
  { name: 'a point outside 泰顺县', applies: hasPoint, send: (e) => ({ body: withField(e, 'point', { lng: 120.7, lat: 28.0 }) }),
    status: 422, code: 'outside_county', message: fixed(/outside 泰顺县/) },

  // ── Content type ─────────────────────────────────────────────────────────────────────────────────────────────
  mediaType('Content-Type text/plain', 'text/plain', /Content-Type must be application\/json \(got "text\/plain"\)/),
  mediaType('no Content-Type', null, /Content-Type must be application\/json \(got "none"\)/),
  mediaType('a form-encoded Content-Type', 'application/x-www-form-urlencoded', /must be application\/json/),
  mediaType('a multipart Content-Type', 'multipart/form-data; boundary=x', /must be application\/json/),
  mediaType('a look-alike JSON type', 'application/json5', /must be application\/json/),
  mediaType('a non-UTF-8 charset', 'application/json; charset=iso-8859-1', /charset=iso-8859-1 is not accepted/),

  // ── Idempotency ──────────────────────────────────────────────────────────────────────────────────────────────
  { name: 'a replayed Idempotency-Key with another body', applies: (e) => e.creates,
    before: (e) => ({ body: json(e.valid), headers: { 'Idempotency-Key': `replay-${e.name.replace(/\W+/g, '-')}` } }),
    send: (e) => ({ body: withField(e, e.text.field, '另一条记录'), headers: { 'Idempotency-Key': `replay-${e.name.replace(/\W+/g, '-')}` } }),
    status: 422, code: 'idempotency_key_reused', message: fixed(/was already used with a different body; use a new key/) },
  { name: 'a malformed Idempotency-Key', applies: (e) => e.creates,
    send: (e) => ({ body: json(e.valid), headers: { 'Idempotency-Key': 'key with spaces' } }),
    status: 400, code: 'invalid_idempotency_key', message: fixed(/Idempotency-Key must be 1–200 visible ASCII characters/) },
  { name: 'a replayed transition', applies: (e) => !e.creates && e.choice === 'action',
    before: (e) => ({ body: json(e.valid) }),
    send: (e) => ({ body: json(e.valid) }),
    status: 409, code: 'invalid_transition', message: (e) => re(`${String(e.valid.action)}`) },
  // A call-back is answered once: the same answer again finds none awaited.
  { name: 'a replayed call-back answer', applies: (e) => !e.creates && e.choice === 'result',
    before: (e) => ({ body: json(e.valid) }),
    send: (e) => ({ body: json(e.valid) }),
    status: 409, code: 'no_callback_awaited', message: fixed(/no call-back awaiting an answer/) },
  // A merge is undone once: the same undo again finds it undone.
  { name: 'a replayed undo of a merge', applies: (e) => e.name === 'POST /api/incident-merges/:id/undo',
    before: (e) => ({ body: json(e.valid) }),
    send: (e) => ({ body: json(e.valid) }),
    status: 409, code: 'already_undone', message: fixed(/was undone at .* merge them again/) },
]
