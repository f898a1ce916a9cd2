import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import puppeteer, { type Page } from 'puppeteer-core'
import type { Driver, DriverContext, Tab } from './types'

/** Debian's Firefox ESR; never a browser downloaded by a test tool. */
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr'
export const hasFirefox = () => existsSync(FIREFOX_PATH)

/**
 * Firefox over WebDriver BiDi, driven by puppeteer-core 24 (25 needs Node 22). A browser context
 * is Firefox's container: cookies and IndexedDB of its own.
 */
export async function launch(): Promise<Driver> {
  const profile = mkdtempSync(join(tmpdir(), 'b2b-auth-firefox-'))
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    userDataDir: profile,
    defaultViewport: { width: 800, height: 600, deviceScaleFactor: 1 },
    extraPrefsFirefox: {
      // A closed network here: no update, telemetry or captive-portal checks.
      'app.update.enabled': false,
      'network.captive-portal-service.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
    },
  })
  const version = await browser.version()
  return {
    name: 'firefox',
    version: version.replace(/^firefox\//i, 'Firefox '),
    async newContext(): Promise<DriverContext> {
      const context = await browser.createBrowserContext()
      return {
        async setCookie(name, value, url) {
          await context.setCookie({ name, value, domain: new URL(url).hostname, path: '/' })
        },
        async clearCookies() {
          await context.deleteCookie(...(await context.cookies()))
        },
        async newTab(url) {
          const page = await context.newPage()
          await page.goto(url)
          return tab(page)
        },
        close: () => context.close(),
      }
    },
    async close() {
      await browser.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

function tab(page: Page): Tab {
  return {
    goto: async (url) => void (await page.goto(url)),
    reload: async () => void (await page.reload()),
    evaluate: (fn, arg) => page.evaluate(fn as never, arg as never),
    async screenshot(selector) {
      const element = await page.$(selector)
      if (!element) throw new Error(`no element matches ${selector}`)
      return Buffer.from(await element.screenshot())
    },
    close: () => page.close(),
  }
}
