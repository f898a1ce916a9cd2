import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import { startSim, type PageContext, type Sim, type SimOptions } from '../sim'
import { sharedChromium } from './chromium'
import type { Evaluator } from './drivers'
import { waitFor } from './drivers/wait'
import { empty, recyclable, tab } from './recycle'

export interface PageOptions {
  /** Render data-customer-id as Stencil would ({{customer.id}}); false leaves it out. Default true. */
  hint?: boolean
  /** Extra attributes on the script tag, e.g. { 'data-channel-id': 'x' }. */
  attributes?: Record<string, string>
  /** HTML after the module's script tag. */
  body?: string
}

/** A storefront page as a Stencil theme renders it: the built bundle in a module script tag. */
export function storefrontPage(ctx: PageContext, options: PageOptions = {}): string {
  const attributes: Record<string, string> = {
    'data-store-hash': ctx.storeHash,
    'data-channel-id': String(ctx.channelId),
    'data-graphql-endpoint': ctx.b2bUrl,
    ...(options.hint === false ? {} : { 'data-customer-id': ctx.customerId }),
    ...options.attributes,
  }
  const tag = Object.entries(attributes)
    .map(([name, value]) => ` ${name}="${value.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`)
    .join('')
  return `<!doctype html><html><head><meta charset="utf-8"><title>Storefront</title></head><body>
<h1>Storefront</h1>
<script type="module" src="/dist/stencil-b2b-auth.js"${tag}></script>
${options.body ?? ''}
</body></html>`
}

export interface Harness {
  sim: Sim
  browser: Browser
  context: BrowserContext
  /** Console lines of every page of the context, for checking that no token leaks. */
  consoleLines: string[]
  /** Uncaught errors and unhandled rejections of every page. */
  pageErrors: string[]
  signIn(customerId: number, context?: BrowserContext): Promise<void>
  signOut(context?: BrowserContext): Promise<void>
  /** Registers the page at `path` and opens it in a tab; waits for window.b2bAuth. */
  open(path?: string, options?: PageOptions, context?: BrowserContext): Promise<Page>
  /** A second browser (its own cookies and storage) for this test only. */
  newContext(): Promise<BrowserContext>
  /**
   * Makes `context` one whose Date.now() and new Date() return `time` (Playwright's
   * clock.setFixedTime: timers still run). Call it first in a test, before its pages; it replaces
   * `context`, so that the file's tests with the same time share one context too.
   */
  fixClock(time: number): Promise<void>
}

export interface BrowserOptions {
  /** For every context of the file: viewport, locale, colour scheme and so on. */
  context?: BrowserContextOptions
}

/**
 * One simulated storefront for a test file, in the worker's Chromium; for every test a reset simulator and
 * a browser context with no cookies, storage or HTTP cache, as if new (see recycle.ts: it is the
 * last test's, emptied, unless that test changed it in a way emptying cannot undo).
 */
export function useBrowser(simOptions: SimOptions = {}, browserOptions: BrowserOptions = {}): Harness {
  const harness = { consoleLines: [] as string[], pageErrors: [] as string[] } as Harness
  const extra: BrowserContext[] = []
  /** The file's recycled contexts: the plain one (''), and one per fixed time ('fixed:<ms>'). */
  const shared = new Map<string, BrowserContext>()
  /** The keys of `shared` this test used: each is emptied after it. */
  const used = new Set<string>()

  const create = async (prepare?: (context: BrowserContext) => Promise<void>) => {
    const context = await harness.browser.newContext(browserOptions.context)
    context.on('console', (message) => harness.consoleLines.push(message.text()))
    context.on('weberror', (error) => harness.pageErrors.push(String(error.error())))
    await prepare?.(context)
    return recyclable(context)
  }
  const use = async (key: string, prepare?: (context: BrowserContext) => Promise<void>) => {
    used.add(key)
    let context = shared.get(key)
    if (!context) shared.set(key, (context = await create(prepare)))
    harness.context = context
  }

  beforeAll(async () => {
    harness.sim = await startSim(simOptions)
    harness.browser = await sharedChromium()
  })
  afterAll(async () => {
    await Promise.all([...shared.values()].map((context) => context.close()))
    shared.clear()
    await harness.sim?.close()
  })
  beforeEach(async () => {
    harness.sim.reset()
    harness.consoleLines.length = 0
    harness.pageErrors.length = 0
    await use('')
  })
  afterEach(async () => {
    await Promise.all(extra.splice(0).map((context) => context.close()))
    const origins = [harness.sim.storefrontUrl, new URL(harness.sim.b2bUrl).origin]
    for (const key of used) {
      const context = shared.get(key)
      if (context && !(await empty(context, origins))) {
        shared.delete(key)
        await context.close()
      }
    }
    used.clear()
  })

  harness.fixClock = (time) => use(`fixed:${time}`, (context) => context.clock.setFixedTime(time))
  harness.newContext = async () => {
    const context = await create()
    extra.push(context)
    return context
  }
  harness.signIn = async (customerId, context = harness.context) => {
    const value = harness.sim.signIn(customerId)
    await context.addCookies([{ name: 'SHOP_SESSION_TOKEN', value, url: harness.sim.storefrontUrl }])
  }
  harness.signOut = async (context = harness.context) => {
    await context.clearCookies()
  }
  harness.open = async (path = '/', options = {}, context = harness.context) => {
    harness.sim.setPage(path.split('?')[0]!, (ctx) => storefrontPage(ctx, options))
    const page = await tab(context)
    await page.goto(harness.sim.storefrontUrl + path)
    await ready(page)
    return page
  }
  return harness
}

/**
 * Resolves once window.b2bAuth is there. After goto() (the load event) the module tag has run, so
 * one evaluate() is enough. waitForFunction() is only the fallback: it loads Playwright's injected
 * script into the tab and waits a frame each try (~150 ms of CPU here).
 */
export async function ready(page: Page): Promise<void> {
  const loaded = () => typeof window.b2bAuth?.getB2BToken === 'function'
  if (!(await page.evaluate(loaded))) await page.waitForFunction(loaded)
}

/** Resolves once the page's engine has left the idle and loading states. */
export async function settled(page: Evaluator): Promise<string> {
  await waitFor(page, () => !['idle', 'loading'].includes(window.b2bAuth.getB2BStatus().state))
  return page.evaluate(() => window.b2bAuth.getB2BStatus().state)
}

/** getB2BToken() in the page; a rejection comes back as { code, message }. */
export function getToken(page: Evaluator, options: { forceRefresh?: boolean } = {}) {
  return page.evaluate(async (opts) => {
    try {
      return { token: await window.b2bAuth.getB2BToken(opts) }
    } catch (error) {
      const e = error as { code?: string; message?: string; name?: string }
      return { error: { code: e.code, message: e.message, name: e.name } }
    }
  }, options)
}

/** The module's IndexedDB entries, read in the page. */
export function storedTokens(page: Evaluator) {
  return page.evaluate(
    () =>
      new Promise<{ customerId: string; token: string; channelId: number; storeHash: string; expiresAt: number; obtainedAt: number }[]>(
        (resolve, reject) => {
          const open = indexedDB.open('stencil-b2b-auth')
          open.onerror = () => reject(open.error)
          open.onsuccess = () => {
            const db = open.result
            if (!db.objectStoreNames.contains('tokens')) return resolve([])
            const all = db.transaction('tokens').objectStore('tokens').getAll()
            all.onsuccess = () => resolve(all.result)
          }
        },
      ),
  )
}

/** The module's files the page loaded, from the network or any cache (resource timing). */
export const loadedModuleFiles = (page: Evaluator) =>
  page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((entry) => entry.name.split('/').pop()!.split('?')[0]!)
      .filter((name) => name.startsWith('stencil-b2b-auth')),
  )
