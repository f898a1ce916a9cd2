import type { BrowserContext, Page } from 'playwright-core'

// Why the tests of a file share one browser context: on this 2-core machine a new context and
// tab cost Chromium about 1.5 s of CPU (a new profile, a new renderer), navigating an open tab
// about 0.3 s, and emptying a context's cookies, storage and HTTP cache about 0.15 s. Sharing is
// safe only while emptying undoes everything a test did, so a context or tab that a test changed
// in a lasting way (an init script, a route, the clock, an emulated media, a listener...) is
// closed instead: marked here by wrapping those methods of Playwright's classes, which also
// catches the objects a test reaches without the harness (locator.page(), context.pages()).

/** Contexts and pages a test changed in a way emptying cannot undo. */
const changed = new WeakSet<object>()
/** Emptied tabs (at about:blank) of a context, for the next test's pages. */
const idle = new WeakMap<BrowserContext, Page[]>()
const PATCHED = Symbol('recycle.patched')
/** More emptied tabs than a usual test opens cost more to empty than they save. */
const MAX_IDLE = 3

/** Context methods whose effect ends once cookies, storage and cache are emptied. */
const CONTEXT_KEEPS = new Set([
  'constructor',
  'newPage',
  'pages',
  'cookies',
  'addCookies',
  'clearCookies',
  'browser',
  'isClosed',
  'close',
  'waitForEvent',
  'storageState',
  'backgroundPages',
  'serviceWorkers',
  'toJSON',
  'on',
  'once',
  'off',
  'addListener',
  'prependListener',
  'prependOnceListener',
  'removeListener',
  'removeAllListeners',
  'listeners',
  'rawListeners',
  'listenerCount',
  'eventNames',
  'emit',
  'setMaxListeners',
  'getMaxListeners',
])
/**
 * Page methods whose effect outlives the page's document. (Listeners are checked at the end.) Not
 * watched: the state of page.keyboard, mouse, touchscreen and coverage (no test holds a key down,
 * or leaves coverage running), and the tab's history.
 */
const PAGE_CHANGES = new Set([
  'addInitScript',
  'route',
  'routeFromHAR',
  'routeWebSocket',
  'unroute',
  'unrouteAll',
  'exposeFunction',
  'exposeBinding',
  'setExtraHTTPHeaders',
  'addLocatorHandler',
  'removeLocatorHandler',
  'emulateMedia',
  'setViewportSize',
  'setDefaultTimeout',
  'setDefaultNavigationTimeout',
  'pickLocator',
])

type Method = (this: object, ...args: unknown[]) => unknown

/** Wraps the prototype chain's methods named by `changes` to mark `owner(this)` as changed. */
function watch(instance: object, changes: (name: string) => boolean, owner: (self: object) => object): void {
  const top = Object.getPrototypeOf(instance) as Record<string | symbol, unknown>
  if (top[PATCHED]) return
  top[PATCHED] = true
  for (let proto = top; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const original = Object.getOwnPropertyDescriptor(proto, name)?.value as unknown
      if (typeof original !== 'function' || name.startsWith('_') || !changes(name) || (Object.hasOwn(top, name) && proto !== top)) continue
      top[name] = function (this: object, ...args: unknown[]) {
        changed.add(owner(this))
        return (original as Method).apply(this, args)
      }
    }
  }
}

/**
 * Makes `context` one the harness can empty and give to the next test: watches the methods that
 * change it for good, and opens its first tab now (nearly every test needs one).
 */
export async function recyclable(context: BrowserContext): Promise<BrowserContext> {
  watch(
    context,
    (name) => !CONTEXT_KEEPS.has(name),
    (self) => self,
  )
  watch(
    context.clock,
    () => true,
    (self) => (self as unknown as { _browserContext: object })._browserContext,
  )
  const page = await context.newPage()
  watch(
    page,
    (name) => PAGE_CHANGES.has(name),
    (self) => self,
  )
  ownListeners ??= listeners(page)
  idle.set(context, [page])
  // Whatever the harness itself set up before this (fixClock's clock, its console and error
  // listeners) belongs to the context.
  changed.delete(context)
  harnessListeners.set(context, listeners(context))
  return context
}

type Emitter = { eventNames(): (string | symbol)[]; listenerCount(event: string | symbol): number }
/** Playwright's own listeners on a new tab ('close', 'crash'), as `listeners` counts them. */
let ownListeners: string | undefined
/** The listeners a context had when it became recyclable: a test's own would hear the next test. */
const harnessListeners = new WeakMap<BrowserContext, string>()
const listeners = (target: Page | BrowserContext) => {
  const emitter = target as unknown as Emitter
  return JSON.stringify(emitter.eventNames().map((event) => [String(event), emitter.listenerCount(event)]))
}
/** Whether a tab shows a document of `origins` (or a new tab's about:blank), whose session storage it can clear. */
const onOrigin = (page: Page, origins: string[]) =>
  page.url() === 'about:blank' || origins.some((origin) => page.url().startsWith(`${origin}/`))

/** A test's own listeners on a tab would hear the next test's page. */
const listened = (page: Page) => listeners(page) !== ownListeners

/** An emptied tab of `context`, or a new one. */
export async function tab(context: BrowserContext): Promise<Page> {
  const pages = idle.get(context) ?? []
  for (let page = pages.pop(); page; page = pages.pop()) if (!page.isClosed()) return page
  return context.newPage()
}

/**
 * Empties `context` for the next test: its tabs at about:blank (so no script of the last test
 * runs on), their session storage, and the cookies, storage and HTTP cache of `origins`. False
 * when it cannot be: the caller closes it.
 */
export async function empty(context: BrowserContext, origins: string[]): Promise<boolean> {
  if (changed.has(context) || listeners(context) !== harnessListeners.get(context)) return false
  const keep: Page[] = []
  for (const page of context.pages()) {
    if (keep.length < MAX_IDLE && !changed.has(page) && !listened(page) && onOrigin(page, origins)) keep.push(page)
    else await page.close()
  }
  if (keep.length === 0) return false
  try {
    await Promise.all(
      keep.map(async (page) => {
        // Session storage (the Buyer Portal's keys, debug mode) is per tab and origin, may outlive a
        // navigation, and is not in Storage.clearDataForOrigin's 'all'. Only a document of its
        // origin can clear it, so a tab is kept only while it shows one (see onOrigin).
        if (page.url() !== 'about:blank') await page.evaluate(() => sessionStorage.clear())
        await page.goto('about:blank', { timeout: 5_000 })
      }),
    )
    const session = await context.newCDPSession(keep[0]!)
    for (const origin of origins) await session.send('Storage.clearDataForOrigin', { origin, storageTypes: 'all' })
    await session.send('Network.clearBrowserCache')
    await session.detach()
    await context.clearCookies()
  } catch {
    return false
  }
  changed.delete(context)
  idle.set(context, keep)
  return true
}
