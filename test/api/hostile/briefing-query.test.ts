// The briefing routes with hostile query strings and file names: every one is a 4xx with an error code and a message
// saying what to send (never a 500, never a PDF), and nothing is stored or rendered. The renderer is given no web
// origin here, so a request that got through every check would be a 503, which the expectations rule out.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { testApp } from '../../support/app'
import type { TestApp } from '../../support/app'

let t: TestApp
beforeAll(async () => { t = await testApp() })
afterAll(async () => await t.close())

const RENDER: [string, number][] = [
  ['scope=330329999', 422], ['scope=abc', 400], ['scope=%00', 400], ["scope=330329'%20OR%201=1--", 400], [`scope=${'9'.repeat(5000)}`, 400],
  ['scope=33032910000501', 422], ['scope=__proto__', 400],
  ['from=yesterday', 400], ['from=2026-02-30', 400], ['from=NaN', 400], ['to=1e999', 400], ['from=-1', 400],
  ['from=2026-11-02&to=2026-11-01', 400], ['from=1900-01-01&to=2026-01-01', 400], ['from=2024-01-01&to=2026-01-01', 400],
  ['asOf=2099-01-01', 422], ['asOf=1900-01-01', 422], ['asOf=%27%3B%20DROP%20TABLE%20briefings%3B--', 400], ['asOf=', 503], // empty is the default: it gets through to the renderer
  ['lang=fr', 400], ['lang=EN', 400], ['lang=%E4%B8%AD', 400], [`lang=${'x'.repeat(3000)}`, 400],
]

test('every hostile render query is a 4xx naming the problem; nothing is stored', async () => {
  const wrong: string[] = []
  for (const [q, expected] of RENDER) {
    const { status, body } = await t.json(`/api/briefings/render?${q}`)
    if (status !== expected || typeof body?.error?.code !== 'string' || !(body.error.message.length > 10)) {
      wrong.push(`${q.slice(0, 60)}: ${status} ${JSON.stringify(body).slice(0, 200)}`)
    }
  }
  expect(wrong).toEqual([])
  expect(await t.count('briefings')).toBe(0)
})

test('hostile file names and list limits are 4xx, and a ticket probe is the 404 of a spent one', async () => {
  const files = ['0.pdf', '-1.pdf', '1e3.pdf', '9999999999999.pdf', '..%2F..%2Fetc%2Fpasswd', '1.pdf%00', '%2e%2e.pdf', '1.pdf.pdf', `${'1'.repeat(500)}.pdf`, 'render.pdf']
  for (const f of files) {
    const { status, body } = await t.json(`/api/briefings/${f}`)
    expect([400, 404], f).toContain(status)
    expect(typeof body.error.code, f).toBe('string')
  }
  for (const q of ['limit=0', 'limit=-1', 'limit=501', 'limit=abc', 'limit=1e2']) expect((await t.json(`/api/briefings?${q}`)).status, q).toBe(400)
  for (const q of ['', 'ticket=', `ticket=${'a'.repeat(4000)}`, 'ticket=%00', 'ticket[]=x']) {
    const { status, body } = await t.json(`/api/briefings/print-session?${q}`, {}, null)
    expect(status, q).toBe(404)
    expect(body.error.code, q).toBe('not_found')
  }
})
