import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'

/** Debian's Chromium; never a browser downloaded by a test tool. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export const MISSING_CHROMIUM = `Chromium not found at ${CHROMIUM_PATH}: install it with "sudo apt-get install -y chromium fonts-dejavu-core" (or set CHROMIUM_PATH).`

export function hasChromium(): boolean {
  return existsSync(CHROMIUM_PATH)
}

/**
 * Headless Chromium with the flags this machine needs (no background connections to a network
 * that is closed). Playwright gives every launch a fresh, temporary user data dir.
 *
 * Tests talk to the simulator on 127.0.0.1 only: any other host (a default endpoint left in a
 * snippet, say) goes to a proxy that is not there and fails, never sent. Chromium sends loopback
 * (localhost, 127.0.0.0/8, [::1]) past any proxy, so those stay reachable; no test uses them but
 * the simulator's 127.0.0.1. A flag rather than Playwright's route(): routing every request through
 * Node cost the suite more CPU than anything else, and turned the HTTP cache off.
 */
export function launchChromium(options: { backForwardCache?: boolean } = {}): Promise<Browser> {
  if (!hasChromium()) throw new Error(MISSING_CHROMIUM)
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--proxy-server=http://127.0.0.1:9',
    ],
    // Playwright turns the back/forward cache off; shoppers' browsers have it.
    ...(options.backForwardCache ? { ignoreDefaultArgs: ['--disable-back-forward-cache'] } : {}),
  })
}

let shared: Promise<Browser> | undefined

/**
 * One Chromium for all the test files a vitest worker runs one after another (the browser project
 * sets isolate: false, so this module outlives a file): a launch costs ~2 s of CPU. Files close
 * their own contexts, never this browser; Playwright kills it when the worker exits.
 */
export async function sharedChromium(): Promise<Browser> {
  const browser = await (shared ??= launchChromium())
  if (browser.isConnected()) return browser
  shared = undefined
  return sharedChromium()
}
