import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import { startSim, type PageContext, type Sim, type SimOptions } from '../../sim'
import { storefrontPage, type PageOptions } from '../harness'
import { launchBrowser, type Driver, type DriverContext, type BrowserName, type Tab } from '.'
import { waitFor } from './wait'

/**
 * What every page of these tests carries before the module's tag: a recorder of uncaught errors,
 * unhandled rejections and console lines (no driver reads them in all three browsers), and the
 * page's clock: Date.now() plus an offset kept in localStorage, so that every tab of a context
 * sees the same moved clock, in every browser (only Playwright could move Chromium's otherwise).
 * `fixed` pins the clock instead. Classic inline scripts run before the module, which is deferred.
 */
export function pageScript(options: { nonce?: string; fixed?: number } = {}): string {
  const nonce = options.nonce ? ` nonce="${options.nonce}"` : ''
  return `<script${nonce}>(() => {
  const recorded = (window.__recorded = { errors: [], lines: [] })
  addEventListener('error', (e) => recorded.errors.push(String(e.error ?? e.message)))
  addEventListener('unhandledrejection', (e) => recorded.errors.push('unhandled rejection: ' + String(e.reason?.message ?? e.reason)))
  for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
    const original = console[level]
    console[level] = (...args) => (recorded.lines.push(args.map(String).join(' ')), original.apply(console, args))
  }
  const now = Date.now.bind(Date)
  const fixed = ${options.fixed ?? 'null'}
  Date.now = () => (fixed ?? now()) + Number(localStorage.getItem('test-clock-offset') ?? 0)
})()</script>`
}

export interface DriverHarness {
  sim: Sim
  driver: Driver
  context: DriverContext
  signIn(customerId: number, context?: DriverContext): Promise<void>
  signOut(context?: DriverContext): Promise<void>
  /** Registers a storefront page at `path` (the module's tag after pageScript()) and opens it in a new tab; waits for window.b2bAuth. */
  open(path?: string, options?: PageOptions & { fixedClock?: number }, context?: DriverContext): Promise<Tab>
  /** Opens `path` as the simulator serves it (a page registered with sim.setPage); waits for window.b2bAuth. */
  visit(path: string, context?: DriverContext): Promise<Tab>
  newContext(): Promise<DriverContext>
  /** Uncaught errors and unhandled rejections every open tab recorded. */
  pageErrors(): Promise<string[]>
  /** Console lines every open tab recorded. */
  consoleLines(): Promise<string[]>
}

/**
 * One simulator and one browser of `name` for a test file; a fresh context (fresh cookies and
 * IndexedDB) and a reset simulator for every test.
 */
export function useDriver(name: BrowserName, simOptions: SimOptions = {}): DriverHarness {
  const h = {} as DriverHarness
  const contexts: DriverContext[] = []
  const tabs: Tab[] = []

  beforeAll(async () => {
    h.sim = await startSim(simOptions)
    h.driver = await launchBrowser(name)
  }, 60_000)
  afterAll(async () => {
    await h.driver?.close()
    await h.sim?.close()
  })
  beforeEach(async () => {
    h.sim.reset()
    h.context = await h.newContext()
  })
  afterEach(async () => {
    tabs.length = 0
    await Promise.all(contexts.splice(0).map((context) => context.close().catch(() => undefined)))
  })

  h.newContext = async () => {
    const context = await h.driver.newContext()
    contexts.push(context)
    return context
  }
  h.signIn = async (customerId, context = h.context) => {
    await context.setCookie('SHOP_SESSION_TOKEN', h.sim.signIn(customerId), h.sim.storefrontUrl)
  }
  h.signOut = (context = h.context) => context.clearCookies(h.sim.storefrontUrl)
  h.visit = async (path, context = h.context) => {
    const tab = await context.newTab(h.sim.storefrontUrl + path)
    tabs.push(tab)
    await waitFor(tab, () => typeof window.b2bAuth?.getB2BToken === 'function')
    return tab
  }
  h.open = (path = '/', options = {}, context = h.context) => {
    const { fixedClock, ...page } = options
    const script = pageScript(fixedClock === undefined ? {} : { fixed: fixedClock })
    h.sim.setPage(path.split('?')[0]!, (ctx: PageContext) => storefrontPage(ctx, page).replace('</title>', `</title>${script}`))
    return h.visit(path, context)
  }
  const recorded = async (key: 'errors' | 'lines') =>
    (
      await Promise.all(
        tabs.map((tab) =>
          tab.evaluate((k) => (window as unknown as { __recorded?: Record<string, string[]> }).__recorded?.[k] ?? [], key).catch(() => []),
        ),
      )
    ).flat()
  h.pageErrors = () => recorded('errors')
  h.consoleLines = () => recorded('lines')
  return h
}
