import { existsSync } from 'node:fs'
import { CHROMIUM_PATH, hasChromium } from '../chromium'
import { hasFirefox, FIREFOX_PATH } from './firefox'
import type { Driver, BrowserName } from './types'
import { hasWebKit, hasXvfb, WEBKIT_DRIVER } from './webkit'

export type { Driver, DriverContext, BrowserName, Evaluator, PageFunction, Tab } from './types'

export const BROWSERS: readonly BrowserName[] = ['chromium', 'firefox', 'webkit']

const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'

/** The Debian packages the browser tests need that this machine lacks, with what is missing. */
export function missingPackages(): { package: string; missing: string }[] {
  const checks: [boolean, string, string][] = [
    [hasChromium(), 'chromium', `${CHROMIUM_PATH} (or set CHROMIUM_PATH)`],
    [hasFirefox(), 'firefox-esr', `${FIREFOX_PATH} (or set FIREFOX_PATH)`],
    [hasWebKit(), 'webkit2gtk-driver', WEBKIT_DRIVER],
    [hasXvfb(), 'xvfb', '/usr/bin/Xvfb, the display WebKit needs'],
    // The badge's reference screenshots are drawn in DejaVu Sans.
    [existsSync(FONT), 'fonts-dejavu-core', FONT],
  ]
  return checks.filter(([present]) => !present).map(([, name, missing]) => ({ package: name, missing }))
}

/** One line a developer can act on, or null when every browser can run. */
export function missingLine(): string | null {
  const missing = missingPackages()
  if (!missing.length) return null
  return `Browser tests need ${missing.map((m) => m.missing).join(', ')}: install with "sudo apt-get install -y --no-install-recommends ${missing.map((m) => m.package).join(' ')}".`
}

export async function launchBrowser(name: BrowserName): Promise<Driver> {
  const line = missingLine()
  if (line) throw new Error(line)
  const drivers = { chromium: () => import('./chromium'), firefox: () => import('./firefox'), webkit: () => import('./webkit') }
  return (await drivers[name]()).launch()
}
