/**
 * What a browser test needs of a browser, the same in Chromium (Playwright), Firefox (puppeteer-core
 * over WebDriver BiDi) and WebKit (webdriverio over WebDriver classic): so a test is written once
 * and runs in the three browsers. Everything a driver does not share (request routing, clock
 * control, console capture) stays out: faults come from the simulator, the clock from a page
 * script (pageScript in harness.ts), page errors and console lines from a recorder script in the page.
 */
export type BrowserName = 'chromium' | 'firefox' | 'webkit'

export interface Driver {
  name: BrowserName
  /** What the browser says it is, e.g. "Firefox 153.8.0esr". */
  version: string
  /** Fresh cookies and a fresh IndexedDB, shared by the context's tabs as a profile's are. */
  newContext(): Promise<DriverContext>
  close(): Promise<void>
}

export interface DriverContext {
  /** Sets a cookie for `url`'s host (the storefront's session cookie). */
  setCookie(name: string, value: string, url: string): Promise<void>
  clearCookies(url: string): Promise<void>
  /** Opens `url` in a new tab of this context (a second tab shares storage with the first). */
  newTab(url: string): Promise<Tab>
  close(): Promise<void>
}

/** A function run in the page: its source is sent, so it may use only its argument and the page's globals. */
export type PageFunction<A, R> = (arg: A) => R | Promise<R>

/** Runs a function in a page: a Tab, or a Playwright Page of the Chromium-only tests. */
export interface Evaluator {
  /** Runs `fn(arg)` in the page and resolves with its (awaited, JSON-serialisable) result. */
  evaluate<R, A = undefined>(fn: PageFunction<A, R>, arg?: A): Promise<R>
}

export interface Tab extends Evaluator {
  goto(url: string): Promise<void>
  reload(): Promise<void>
  /** A PNG of the first element matching `selector` (in the document, not in a shadow root). */
  screenshot(selector: string): Promise<Buffer>
  close(): Promise<void>
}
