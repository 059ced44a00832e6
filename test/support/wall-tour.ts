// Holding the wall's tour on one step in a browser test.
import type { Page } from 'playwright-core'

/**
 * Hides the tab from inside the page the moment `selector` matches, which holds the tour on that step (a hidden tab
 * stops its clock) for as long as the checks and pictures take on a busy machine; `showWall` lets it run on.
 */
export const holdWhenShown = (page: Page, selector: string) => page.evaluate((sel) => {
  const hide = () => {
    if (!document.querySelector(sel)) return
    obs.disconnect()
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true })
    document.dispatchEvent(new Event('visibilitychange'))
  }
  const obs = new MutationObserver(hide)
  obs.observe(document.body, { subtree: true, childList: true, attributes: true })
  hide()
}, selector)

/** The tab visible again: the tour goes on. */
export const showWall = (page: Page) => page.evaluate(() => {
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => false })
  document.dispatchEvent(new Event('visibilitychange'))
})
