import { launchBrowser, openPage } from '../support/browser'
const url = process.argv[2]!
const [w, h, dsf] = (process.argv[3] ?? '1920x1080x1').split('x').map(Number)
const out = process.argv[4] ?? '/tmp/wall-dev/shots/a.png'
const browser = await launchBrowser()
const { page, consoleErrors } = await openPage(browser, url, { width: w!, height: h! }, dsf)
const t0 = Date.now()
await page.waitForSelector('[data-map-state="idle"]', { timeout: 60000 }).catch(() => console.log('no idle'))
console.log('idle after', Date.now() - t0)
await page.waitForTimeout(Number(process.env.WAIT ?? 3000))
await page.screenshot({ path: out })
console.log(await page.evaluate(() => { const w = document.querySelector('.wall')!; return Object.fromEntries([...w.attributes].map((a) => [a.name, a.value])) }))
console.log('errors', consoleErrors)
await browser.close()
