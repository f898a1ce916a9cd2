import type { Page } from 'playwright-core'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { hasBuyerPortal, PORTAL_STOREFRONT_FIRST_FLAG } from '../sim/buyer-portal'
import { decodeUnverified } from '../sim/jwt'
import { getToken, loadedModuleFiles, storedTokens, useBrowser } from './harness'
import { waitFor } from './drivers/wait'
import { expectNoSecretInConsole, failOnPageErrors, moduleLines, status } from './support'

// The real Buyer Portal beside the module: its built bundle (bigcommerce/b2b-buyer-portal, MIT;
// /work/shared/buyer-portal/SNAPSHOT.md) served by the simulator at /bp/, started as a store's
// install script starts it. What is asserted is what a shopper or a theme would notice: the
// tokens each holds, whose they are, what each tab answers, what was sent.
// current.jwt answered no-store (not Assumption A19's cacheable answer): the Portal reads it with a
// plain fetch(), and a cached guest 404 would make it drop the token it was handed after a sign-in.
const h = useBrowser({ currentJwtCacheable: false })

failOnPageErrors(h)

afterEach(() => {
  h.sim.options.portalFlags = {}
  h.sim.options.channels[2] = { live: true }
})

beforeAll(() => {
  if (!hasBuyerPortal())
    throw new Error('No built Buyer Portal: set BUYER_PORTAL_DIR to its dist/ (see /work/shared/buyer-portal/SNAPSHOT.md)')
})

/** The Portal's install script (its `docs/stencil.md`), after the module's tag, as a store's footer scripts come. */
const portalTags = (channelId = 1) =>
  `<script>window.B3 = { setting: { store_hash: '${h.sim.options.storeHash}', channel_id: ${channelId}, platform: 'bigcommerce', environment: 'local' } }</script>
<script type="module" src="/bp/index.js"></script>`

interface PortalGlobals {
  b2b?: {
    utils?: { user?: { getB2BToken(): string; logout(): Promise<void>; loginWithB2BStorefrontToken(token: string): Promise<void> } }
    callbacks?: { addEventListener(event: string, callback: (event: { data?: unknown }) => void): void }
  }
  portalEvents?: string[]
}

/** A page with the module and the Portal; resolves once the Portal has mounted (window.b2b.utils). */
async function openWithPortal(path: string, options: { hint?: boolean; channelId?: number } = {}): Promise<Page> {
  const page = await h.open(`${path}${options.channelId ? `?channel=${options.channelId}` : ''}`, {
    ...(options.hint === undefined ? {} : { hint: options.hint }),
    body: portalTags(options.channelId),
  })
  await mounted(page)
  return page
}

/**
 * Waits for the Portal to have mounted and the module to listen to its callbacks (it looks for them
 * every 250 ms: net/buyer-portal.ts), read in the Portal's b3CallbackManager (its `callbacks` Map);
 * then records the Portal's on-login and on-logout.
 */
async function mounted(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const callbacks = (window as PortalGlobals).b2b?.callbacks as { callbacks?: Map<string, unknown[]> } | undefined
    return !!(window as PortalGlobals).b2b?.utils?.user && (callbacks?.callbacks?.get('on-logout')?.length ?? 0) > 0
  })
  await page.evaluate(() => {
    const w = window as PortalGlobals
    if (w.portalEvents) return
    const events: string[] = (w.portalEvents = [])
    for (const name of ['on-login', 'on-logout']) w.b2b!.callbacks!.addEventListener(name, () => events.push(name))
  })
}

const portalToken = (page: Page) => page.evaluate(() => (window as PortalGlobals).b2b!.utils!.user!.getB2BToken())
const portalEvents = (page: Page) => page.evaluate(() => (window as PortalGlobals).portalEvents ?? [])
/** The customer a sim-issued B2B token belongs to (the sim's tokens are JWTs with bc_customer_id). */
const customerOfToken = (token: string | null | undefined) => (token ? decodeUnverified(token)?.claims.bc_customer_id : undefined)
/** The Portal holds a token of `customerId` (or none, for undefined). */
const portalHolds = (page: Page, customerId: number | undefined) =>
  expect.poll(async () => customerOfToken(await portalToken(page)), { interval: 50, timeout: 20_000 }).toBe(customerId)

/**
 * The Portal's round of configuration queries with `token` has been answered: it sends one after
 * every sign-in, storefrontDefaultLanguage last (SNAPSHOT.md). What it does next, it does on its own.
 */
const portalRoundEnded = (token: string, since = 0) =>
  expect
    .poll(
      () => answered((e) => e.operation === 'storefrontDefaultLanguage' && e.headers.authorization === `Bearer  ${token}`, since).length,
      { interval: 50, timeout: 20_000 },
    )
    .toBeGreaterThan(0)

/**
 * The Portal has settled on the token it holds: its last configuration round was sent with it, or
 * it is `handedOver` (a token handed over once the Portal has a round of its own may be kept
 * with no new round). While its own mint is on its way it still holds the token before, with no
 * round of it, so reading its token before this may read one it is about to replace.
 */
const portalSettled = (page: Page, handedOver?: string) =>
  expect
    .poll(
      async () => {
        const bearer = (e: (typeof h.sim.log)[number]) => String(e.headers.authorization ?? '').split(/\s+/)[1]
        const last = answered((e) => e.operation === 'storefrontDefaultLanguage' && !!bearer(e)).at(-1)
        const held = await portalToken(page)
        return held === handedOver || (!!last && bearer(last) === held)
      },
      { interval: 50, timeout: 20_000 },
    )
    .toBe(true)

/**
 * The Portal's start-up as a guest has ended: its own check of the session (a current.jwt without
 * the module's `_`, after its configuration round) was answered 404. Until then a sign-in races
 * that check, which, sent after the sign-in, mints the Portal a token of its own.
 */
const portalStartedAsGuest = () =>
  expect
    .poll(() => answered((e) => e.path === '/customer/current.jwt' && !('_' in e.query) && e.status === 404).length, {
      interval: 50,
      timeout: 20_000,
    })
    .toBeGreaterThan(0)

/** Answered requests of the sim's log that match. */
const answered = (match: (e: (typeof h.sim.log)[number]) => boolean, since = 0) =>
  h.sim.log.slice(since).filter((e) => match(e) && e.status !== undefined)

describe('the real Buyer Portal beside the module', () => {
  it('a cold signed-in page: both hold a token of the signed-in customer, neither raises a page error', async () => {
    await h.signIn(1)
    const page = await openWithPortal('/cold')
    const { token } = await getToken(page)
    expect(customerOfToken(token)).toBe(1)
    await portalHolds(page, 1)
    expect(await status(page)).toMatchObject({ state: 'ready', customerId: '1', error: null })
    // Each minted its own: the module never waits for the Portal, nor takes its token.
    expect(h.sim.count('authorization')).toBe(2)
    expect(await storedTokens(page)).toMatchObject([{ customerId: '1', token }])
  })

  it("a customer switch in a tab where the Portal kept the previous customer's token: the module's is the new customer's", async () => {
    await h.signIn(2)
    const page = await openWithPortal('/switch')
    await portalHolds(page, 2)
    // Another customer signs in; the Portal's sessionStorage still holds customer 2's state.
    await h.signIn(1)
    const since = h.sim.log.length
    await page.goto(`${h.sim.storefrontUrl}/switch`)
    const { token } = await getToken(page)
    expect(customerOfToken(token)).toBe(1)
    // The module never read the Portal's token, nor checked one: each mints its own.
    expect(await storedTokens(page)).toMatchObject([{ customerId: '1', token }])
    // The Portal, for its part, offers customer 2's token from its sessionStorage and still holds
    // it once its start-up round has ended: the reason the module never takes the Portal's token.
    await mounted(page)
    await portalRoundEnded(await portalToken(page), since)
    expect(customerOfToken(await portalToken(page))).toBe(2)
  })

  it.each([
    ['legacy sign-in flow', false],
    ['storefront-first sign-in flow (its PROJECT-7920 flag)', true],
  ])("signIn() on a page with the Portal (%s): the Portal then holds the signed-in customer's token", async (_flow, storefrontFirst) => {
    if (storefrontFirst) h.sim.options.portalFlags = { [PORTAL_STOREFRONT_FIRST_FLAG]: 'true' }
    const page = await openWithPortal('/sign-in', { hint: false })
    await portalStartedAsGuest()
    expect(await portalToken(page)).toBe('')
    const mintsBefore = h.sim.count('authorization')
    const who = await page.evaluate(() => window.b2bAuth.signIn({ email: 'ada.buyer@example.com', password: 'ada-password' }))
    expect(who.customerId).toBe('1')
    const { token } = await getToken(page)
    expect(customerOfToken(token)).toBe(1)
    // Handed over with loginWithB2BStorefrontToken, which keeps it once it has read the customer
    // with it (the bc-storefront proxy's customer, then customerInfo) and found the session's.
    await portalHolds(page, 1)
    const readWith = (operation: string) =>
      answered((e) => e.operation === operation && e.headers.authorization === `Bearer  ${token}`).length
    await expect.poll(() => readWith('customerInfo'), { interval: 50, timeout: 20_000 }).toBeGreaterThan(0)
    expect(readWith('proxy:customer')).toBeGreaterThan(0)
    if (storefrontFirst) {
      // The storefront-first flow reads current.jwt again and mints its own token for the same
      // customer (a second authorization), which it then holds: the same customer, never another.
      await expect.poll(() => h.sim.count('authorization'), { interval: 50, timeout: 20_000 }).toBeGreaterThan(mintsBefore)
      await portalSettled(page)
      expect(customerOfToken(await portalToken(page))).toBe(1)
    } else {
      // The legacy flow keeps the module's token and mints nothing of its own.
      await portalRoundEnded(token!)
      expect(await portalToken(page)).toBe(token)
      expect(h.sim.count('authorization')).toBe(mintsBefore)
    }
    // The module's token is untouched either way.
    expect(await getToken(page)).toEqual({ token })
    // Neither flow fires on-login for a token handed over: only the Portal's own legacy sign-in does.
    expect(await portalEvents(page)).toEqual([])
    expect(await status(page)).toMatchObject({ state: 'ready', customerId: '1', error: null })
  })

  it("signIn() while the Portal is still starting: both end with the signed-in customer's token", async () => {
    const page = await h.open('/sign-in-early', { hint: false, body: portalTags() })
    // As soon as the Portal offers its utils, before its own check of the session may have run:
    // that check then finds customer 1 signed in and the Portal mints for them, or it found a
    // guest and the Portal keeps the token handed over. Either order is the shopper's.
    await page.waitForFunction(() => !!(window as PortalGlobals).b2b?.utils?.user)
    const who = await page.evaluate(() => window.b2bAuth.signIn({ email: 'ada.buyer@example.com', password: 'ada-password' }))
    expect(who.customerId).toBe('1')
    const { token } = await getToken(page)
    expect(customerOfToken(token)).toBe(1)
    await portalHolds(page, 1)
    // Its own check of the session has been answered, whichever way the race went.
    await expect
      .poll(() => answered((e) => e.path === '/customer/current.jwt' && !('_' in e.query)).length, { interval: 50, timeout: 20_000 })
      .toBeGreaterThan(0)
    // Then it settles: on the token handed over, or (its check having found customer 1 after the
    // hand-over) on one it minted itself.
    await portalSettled(page, token!)
    expect(customerOfToken(await portalToken(page))).toBe(1)
    expect(await getToken(page)).toEqual({ token })
    expect(await storedTokens(page)).toMatchObject([{ customerId: '1', token }])
    expect(await status(page)).toMatchObject({ state: 'ready', customerId: '1', error: null })
  })

  it('signOut({ storefront: true }): the Portal ends signed out and stays so; every tab of the module answers null', async () => {
    await h.signIn(1)
    const page = await openWithPortal('/sign-out')
    const other = await h.open('/other')
    expect(customerOfToken((await getToken(page)).token)).toBe(1)
    expect(customerOfToken((await getToken(other)).token)).toBe(1)
    await portalHolds(page, 1)
    const mints = h.sim.count('authorization')
    await page.evaluate(() => window.b2bAuth.signOut({ storefront: true }))
    // Told through its utils.user.logout(): it clears its state, fires on-logout, and checks the
    // session again (current.jwt), which has ended, so it mints nothing.
    await expect.poll(() => portalEvents(page), { interval: 50, timeout: 20_000 }).toEqual(['on-logout'])
    await expect
      .poll(() => answered((e) => e.path === '/customer/current.jwt' && e.status === 404).length, { interval: 50, timeout: 20_000 })
      .toBeGreaterThan(0)
    expect(await portalToken(page)).toBe('')
    for (const tab of [page, other]) expect(await getToken(tab)).toEqual({ token: null })
    expect(await storedTokens(page)).toEqual([])
    expect(h.sim.count('authorization')).toBe(mints)
  })

  it("the Portal's own logout (its storefront logout, then on-logout) on a warm page: every tab of the module forgets", async () => {
    await h.signIn(1)
    const cold = await h.open('/cold-tab')
    const { token } = await getToken(cold)
    // A warm page with the Portal: the token from IndexedDB with no request; the flow chunk loads
    // beside the entry only to follow the Portal's sign-out (a page without the Portal's install
    // script loads the entry alone: browser-suite.ts, the warm page).
    const warm = await openWithPortal('/warm-tab')
    const before = h.sim.log.length
    expect(await getToken(warm)).toEqual({ token })
    // The module's own (its current.jwt carries `_`; its mutation no Authorization header), not the Portal's.
    const modules = h.sim.log
      .slice(before)
      .filter(
        (r) => (r.path === '/customer/current.jwt' && '_' in r.query) || (r.operation === 'authorization' && !r.headers.authorization),
      )
    expect(modules).toEqual([])
    expect(await loadedModuleFiles(warm)).toEqual(['stencil-b2b-auth.js', expect.stringMatching(/^stencil-b2b-auth-flow-[\w-]+\.js$/)])
    // Its logout button's route: the storefront's logout mutation, then on-logout; three seconds
    // later it sends the shopper to /login.
    await warm.evaluate(() =>
      (window as unknown as { b2b: { utils: { openPage(page: string): void } } }).b2b.utils.openPage('/login?loginFlag=loggedOutLogin'),
    )
    await waitFor(cold, () => window.b2bAuth.getB2BStatus().fingerprint === null)
    expect(answered((e) => e.server === 'storefront' && e.operation === 'logout')).toHaveLength(1)
    expect(await getToken(cold)).toEqual({ token: null })
    expect(await storedTokens(cold)).toEqual([])
  })

  it('a theme calling utils.user.logout() while the storefront session lives: the module keeps to the same customer, no error, not a guest', async () => {
    await h.signIn(1)
    const page = await openWithPortal('/theme-logout')
    const { token } = await getToken(page)
    await portalHolds(page, 1)
    await page.evaluate(() => (window as PortalGlobals).b2b!.utils!.user!.logout())
    expect(await portalEvents(page)).toEqual(['on-logout'])
    // The module forgot the token, as for any on-logout; current.jwt still names customer 1, so the
    // next call mints for them again, never for anyone else.
    await waitFor(page, () => window.b2bAuth.getB2BStatus().fingerprint === null)
    expect(['idle', 'loading', 'ready']).toContain((await status(page)).state)
    const again = await getToken(page)
    expect(again.token).not.toBe(token)
    expect(customerOfToken(again.token)).toBe(1)
    expect(await status(page)).toMatchObject({ state: 'ready', customerId: '1', error: null })
    expect(await storedTokens(page)).toMatchObject([{ customerId: '1', token: again.token }])
    // The Portal, cleared, holds nothing on this page, or has minted again for the live session
    // (as its SNAPSHOT.md saw, a second or so later): customer 1's either way, never another's.
    const portal = await portalToken(page)
    expect(portal === '' || customerOfToken(portal) === 1).toBe(true)
    // The next page view, the session still alive: both hold customer 1's token, the module's
    // from its cache.
    const next = await openWithPortal('/theme-logout')
    expect(await getToken(next)).toEqual({ token: again.token })
    await portalHolds(next, 1)
  })

  it('the Portal meeting a 40101 on its own call: the module is unaffected', async () => {
    await h.signIn(1)
    // The Portal's first customerInfo (the module never asks it) answers that its token expired.
    h.sim.fault('customerInfo', {
      status: 200,
      body: JSON.stringify({ data: null, errors: [{ message: 'Token has expired', extensions: { code: 40101 } }] }),
    })
    const page = await h.open('/expired', { body: portalTags() })
    const { token } = await getToken(page)
    await expect
      .poll(() => answered((e) => e.operation === 'customerInfo' && e.fault === 'answer').length, { interval: 50, timeout: 20_000 })
      .toBe(1)
    await mounted(page)
    const before = await status(page)
    // It clears its own state and sessionStorage, and fires no on-logout.
    expect(await portalEvents(page)).toEqual([])
    expect(await getToken(page)).toEqual({ token })
    expect(await status(page)).toEqual(before)
    expect(before).toMatchObject({ state: 'ready', customerId: '1', error: null })
    expect(await storedTokens(page)).toMatchObject([{ customerId: '1', token }])
  })

  it("a channel where the Portal does not mount (B2B off): the module's token as usual, and its look-up for the Portal ends quietly", async () => {
    h.sim.options.channels[2] = { live: true, b2b: false }
    await h.signIn(1)
    await h.context.clock.install()
    // window.B3 behind a getter: each read of it is the module looking for a Portal to come.
    const body = `<script>{ let reads = 0; const b3 = { setting: { store_hash: '${h.sim.options.storeHash}', channel_id: 2, platform: 'bigcommerce', environment: 'local' } }
      Object.defineProperty(window, 'B3', { get: () => (reads++, b3) }); window.b3Reads = () => reads }</script>
<script type="module" src="/bp/index.js"></script>`
    const page = await h.open('/no-b2b?channel=2', { body })
    const { token } = await getToken(page)
    expect(customerOfToken(token)).toBe(1)
    await page.clock.runFor(5_000)
    // The Portal asked, heard B2B is off for channel 2, and did not mount.
    await expect.poll(() => answered((e) => e.operation === 'storeBasicInfo').length, { interval: 50, timeout: 20_000 }).toBe(1)
    const reads = () => page.evaluate(() => (window as unknown as { b3Reads(): number }).b3Reads())
    await page.clock.runFor(30_000)
    const after30s = await reads()
    await page.clock.runFor(120_000)
    expect(await reads()).toBe(after30s)
    expect(await page.evaluate(() => (window as PortalGlobals).b2b?.utils)).toBeUndefined()
    expect(await getToken(page)).toEqual({ token })
    expect(moduleLines(h)).toEqual([])
    expectNoSecretInConsole(h, { issued: true })
  })
})
