import type { Page } from 'playwright-core'
import { sharedChromium } from '../chromium'
import type { Driver, DriverContext, Tab } from './types'

/** Chromium through Playwright, as the Chromium-only tests drive it. */
export async function launch(): Promise<Driver> {
  const browser = await sharedChromium()
  return {
    name: 'chromium',
    version: `Chromium ${browser.version()}`,
    async newContext(): Promise<DriverContext> {
      const context = await browser.newContext({
        viewport: { width: 800, height: 600 },
        deviceScaleFactor: 1,
        locale: 'en-US',
        timezoneId: 'UTC',
      })
      return {
        setCookie: (name, value, url) => context.addCookies([{ name, value, url }]),
        clearCookies: () => context.clearCookies(),
        async newTab(url) {
          const page = await context.newPage()
          await page.goto(url)
          return tab(page)
        },
        close: () => context.close(),
      }
    },
    // The worker's Chromium: other files use it after this one.
    close: async () => {},
  }
}

function tab(page: Page): Tab {
  return {
    goto: async (url) => void (await page.goto(url)),
    reload: async () => void (await page.reload()),
    evaluate: (fn, arg) => page.evaluate(fn, arg as never),
    screenshot: (selector) => page.locator(selector).first().screenshot({ animations: 'disabled', caret: 'hide' }),
    close: () => page.close(),
  }
}
