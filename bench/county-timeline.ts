// A diagnostic beside bench:county (the county view's first idle): what happens when, in one untraced load of the county view. A
// trace slows a load down by half and moves what it measures; this only listens, from an init script the page
// runs first, and prints one line per event on the page's clock:
//   - scripts and API answers as they arrive (and when each was asked for)
//   - long tasks (≥ 50 ms) of the main thread
//   - MapLibre's worker messages: data loads (LD, with the feature count) and their answers, tile answers in runs
//   - map frames drawn (a gl.clear of the colour buffer) and shader programs linked (the wait, in ms)
//   - chart canvases drawn (a full-size clearRect on a 2D canvas)
//   - performance marks, the idle attribute, and the first task after it (when the idle frame's readback is done)
//
//   npm run build && node --import tsx bench/county-timeline.ts      (COUNTY_TIMELINE_LOADS, default 1)
import { closePages, launchBrowser, openPage, waitForIdle } from '../test/support/browser'
import { signIn, startServer } from '../test/support/server'

/** Runs in the page before its own scripts; plain JavaScript, kept in a string so no bundler touches it. */
const PROBE = `(() => {
  const events = window.__timeline = []
  const log = (text, at = performance.now()) => events.push([at, text])
  const gl = WebGL2RenderingContext.prototype
  const clear = gl.clear
  gl.clear = function (mask) { if (mask & 0x4000) log('map frame drawn'); return clear.call(this, mask) }
  const link = gl.getProgramParameter
  gl.getProgramParameter = function (...args) { const t = performance.now(); const r = link.apply(this, args); log('program linked, waited ' + Math.round(performance.now() - t) + ' ms', t); return r }
  const asked = new Map()
  const post = Worker.prototype.postMessage
  Worker.prototype.postMessage = function (m, ...rest) {
    if (m && m.type && m.type !== '<response>') {
      const d = m.data || {}
      const what = m.type + ' ' + (d.source || '') + (m.type === 'LD' && d.data && d.data.features ? ' (' + d.data.features.length + ' features)' : '')
      asked.set(m.id, what)
      if (m.type !== 'LT') log('→ worker ' + what)
    }
    return post.call(this, m, ...rest)
  }
  const listen = Worker.prototype.addEventListener
  const answered = new WeakSet()
  Worker.prototype.addEventListener = function (type, fn, ...rest) {
    if (type !== 'message') return listen.call(this, type, fn, ...rest)
    return listen.call(this, type, (e) => {
      // MapLibre listens twice on its worker: log each answer once.
      if (answered.has(e)) return fn(e)
      answered.add(e)
      const what = e.data && e.data.type === '<response>' ? asked.get(e.data.id) : null
      if (what && !what.startsWith('LT')) log('← worker ' + what)
      else if (what) log('← worker tile ' + what.slice(3))
      return fn(e)
    }, ...rest)
  }
  const clearRect = CanvasRenderingContext2D.prototype.clearRect
  CanvasRenderingContext2D.prototype.clearRect = function (x, y, w, h) {
    if (this.canvas.width > 200 && w >= this.canvas.width - 1) log('chart drawn ' + this.canvas.width + '×' + this.canvas.height)
    return clearRect.call(this, x, y, w, h)
  }
  new MutationObserver(() => {
    const state = document.querySelector('[data-map-state]')?.getAttribute('data-map-state')
    log('data-map-state=' + state)
    if (state === 'idle') setTimeout(() => log('first task after idle'), 0)
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-map-state'] })
  new PerformanceObserver((l) => { for (const e of l.getEntries()) log('long task ' + Math.round(e.duration) + ' ms', e.startTime) }).observe({ type: 'longtask', buffered: true })
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) if (/[.]m?js$|[/]api[/]/.test(e.name)) log('got ' + e.name.replace(location.origin, '').slice(0, 70) + ' (asked at ' + Math.round(e.startTime) + ')', e.responseEnd)
  }).observe({ type: 'resource', buffered: true })
  new PerformanceObserver((l) => { for (const e of l.getEntries()) log('mark ' + e.name, e.startTime) }).observe({ type: 'mark', buffered: true })
})()`

/** What the probe leaves on the page: [ms on the page's clock, what happened]. */
type Timeline = { __timeline: [number, string][] }

const loads = Number(process.env.COUNTY_TIMELINE_LOADS ?? 1)
if (!Number.isInteger(loads) || loads < 1) throw new Error(`COUNTY_TIMELINE_LOADS="${process.env.COUNTY_TIMELINE_LOADS}": use a whole number ≥ 1`)
const server = await startServer({ PRESET: 'demo' })
const browser = await launchBrowser()
try {
  const cookie = await signIn(server.url, 'leader')
  for (let i = 0; i < loads; i++) {
    const { page } = await openPage(browser, server.url, { cookie, initScript: PROBE })
    await waitForIdle(page, 60_000)
    const idle = await page.evaluate(() => performance.now())
    await page.waitForFunction(() => (window as unknown as Timeline).__timeline.some(([, text]) => text === 'first task after idle'))
    const events = await page.evaluate(() => (window as unknown as Timeline).__timeline)
    console.log(`--- load ${i + 1}: idle seen at ${Math.round(idle)} ms`)
    let tileAnswers = 0
    for (const [at, text] of events.sort((a, b) => a[0] - b[0])) {
      // Tile answers come by the dozen: one line per run of them.
      if (text.startsWith('← worker tile')) { tileAnswers++; continue }
      if (tileAnswers) { console.log(`        (${tileAnswers} tile answers)`); tileAnswers = 0 }
      console.log(String(Math.round(at)).padStart(6), text)
    }
    await closePages()
  }
} finally {
  await browser.close()
  await server.stop()
}
