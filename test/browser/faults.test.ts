import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { LEGACY_CLIENT_ID } from '../sim'
import { signHs256 } from '../sim/jwt'
import { launchChromium } from './chromium'
import { getToken, ready, settled, storedTokens, storefrontPage, useBrowser } from './harness'
import { customerOf, failOnPageErrors, status, tabsIdle } from './support'

// Tabs that follow each other from any state, waking, and the faults and bad input that need a
// real browser: each test asserts what was sent, counted and stored.
const h = useBrowser({ latencyMs: 30 })

const HOUR = 3_600_000
/** Requests since the log was last emptied, by kind. */
const counts = () => ({ jwt: h.sim.count('current.jwt'), mints: h.sim.count('authorization'), graphql: h.sim.count('graphql') })
/** What a page's getB2BToken() rejected with, with the fields a theme reads. */
const rejection = (page: Page, options: { forceRefresh?: boolean } = {}) =>
  page.evaluate(async (opts) => {
    try {
      await window.b2bAuth.getB2BToken(opts)
      return undefined
    } catch (error) {
      const e = error as { code: string; message: string; status?: number; graphqlCode?: unknown; errors?: unknown }
      return { code: e.code, message: e.message, status: e.status, graphqlCode: e.graphqlCode, errors: e.errors }
    }
  }, options)
/** Collects the page's b2b-auth:change events from now on. */
const watchEvents = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { events: { state: string; fingerprint: string | null }[] }
    w.events = []
    addEventListener('b2b-auth:change', (e) => w.events.push((e as CustomEvent).detail))
  })
const events = (page: Page) =>
  page.evaluate(() => (window as unknown as { events: { state: string; fingerprint: string | null }[] }).events)
/** Web Locks missing, as in Safari before 15.4 or a locked-down embedded browser. */
const withoutWebLocks = (context: BrowserContext) =>
  context.addInitScript(() => {
    delete (Navigator.prototype as { locks?: unknown }).locks
  })

failOnPageErrors(h)

describe('a tab holding no token follows another tab', () => {
  it("from error, idle or loading: ready with the other tab's token, with no request of its own", async () => {
    await h.signIn(1)
    // A maintenance page once: the first tab fails (a bad answer, so no cooldown).
    h.sim.fault('current.jwt', { status: 200, body: '<!doctype html><title>Down for maintenance</title>' })
    const failed = await h.open('/failed')
    expect(await settled(failed)).toBe('error')
    const idle = await h.open('/idle')
    expect(await settled(idle)).toBe('ready')
    await idle.evaluate(() => window.b2bAuth.clearB2BToken())
    expect((await status(idle)).state).toBe('idle')
    const guest = await h.open('/guest', { attributes: { 'data-customer-id': '' } })
    expect(await settled(guest)).toBe('guest')
    await tabsIdle(guest)
    for (const page of [failed, idle, guest]) await watchEvents(page)

    h.sim.log.length = 0
    const minter = await h.open('/minter')
    const { token } = await getToken(minter)
    const { fingerprint } = await status(minter)
    for (const page of [failed, idle]) {
      await page.waitForFunction((f) => window.b2bAuth.getB2BStatus().fingerprint === f, fingerprint)
      expect(await status(page)).toMatchObject({ state: 'ready', customerId: '1', error: null })
      expect((await events(page)).at(-1)).toMatchObject({ state: 'ready', fingerprint })
      expect(await getToken(page)).toEqual({ token })
    }
    // The guest page was rendered for nobody: it never takes a customer's token.
    expect(await status(guest)).toMatchObject({ state: 'guest', fingerprint: null })
    expect(await events(guest)).toEqual([])
    expect(await getToken(guest)).toEqual({ token: null })
    // The minting tab's requests, and nothing else.
    expect(counts()).toEqual({ jwt: 1, mints: 1, graphql: 1 })
  })

  it('a 404 from current.jwt in one tab signs the others out: they drop the token at once', async () => {
    await h.signIn(1)
    const open = await h.open('/open')
    const { token } = await getToken(open)
    await h.signOut()
    h.sim.log.length = 0
    const unhinted = await h.open('/unhinted', { hint: false })
    expect(await settled(unhinted)).toBe('guest')
    await open.waitForFunction(() => window.b2bAuth.getB2BStatus().fingerprint === null)
    expect((await status(open)).state).toBe('idle')
    expect(await storedTokens(open)).toEqual([])
    const after = await getToken(open)
    expect(after).toEqual({ token: null })
    expect(after.token).not.toBe(token)
    expect(counts()).toEqual({ jwt: 2, mints: 0, graphql: 0 })
  })

  it('a 429 from current.jwt with an error body is a failure, never a sign-out: the other tabs keep their token', async () => {
    await h.signIn(1)
    const open = await h.open('/open')
    const { token } = await getToken(open)
    h.sim.fault(
      'current.jwt',
      {
        status: 429,
        contentType: 'application/json',
        headers: { 'Retry-After': '0' },
        body: '{"errors":[{"status":429,"title":"Too Many Requests"}]}',
      },
      3,
    )
    h.sim.log.length = 0
    const unhinted = await h.open('/unhinted', { hint: false })
    expect(await settled(unhinted)).toBe('error')
    expect((await status(unhinted)).error).toEqual({ code: 'http', message: 'GET /customer/current.jwt answered HTTP 429' })
    // Retried twice, then a cooldown: a call in the meantime sends nothing.
    expect((await rejection(unhinted))?.message).toMatch(/^GET \/customer\/current\.jwt answered HTTP 429 \(not retried for \d+ s\)$/)
    expect(counts()).toEqual({ jwt: 3, mints: 0, graphql: 0 })
    expect(await status(open)).toMatchObject({ state: 'ready', customerId: '1' })
    expect((await storedTokens(open)).map((r) => r.token)).toEqual([token])
    expect(await getToken(open)).toEqual({ token })
  })

  it("a mint thrown away after a customer change elsewhere: the old customer's token is never returned nor stored", async () => {
    // Without Web Locks the second tab does not wait for the first one's mint to land.
    await withoutWebLocks(h.context)
    await h.signIn(1)
    h.sim.fault('authorization', { delayMs: 4000 })
    const stale = await h.open('/stale')
    const pending = getToken(stale)
    await stale.waitForFunction(() => window.b2bAuth.getB2BStatus().state === 'loading')
    await expect.poll(() => h.sim.count('authorization'), { timeout: 10_000 }).toBe(1)

    await h.signIn(2)
    const fresh = await h.open('/fresh')
    const { token: second } = await getToken(fresh)
    expect(customerOf(second)).toBe(2)
    // The first mint is still on its way: the switch came mid-flight.
    expect(h.sim.log.find((r) => r.operation === 'authorization')?.status).toBeUndefined()

    expect(await pending).toEqual({ token: second })
    const discarded = h.sim.issuedTokens.find((t) => customerOf(t) === 1)
    expect(discarded).toBeDefined()
    expect((await storedTokens(stale)).map((r) => [r.customerId, r.token])).toEqual([['2', second]])
    expect(await status(stale)).toMatchObject({ state: 'ready', customerId: '2' })
    expect(await getToken(stale)).toEqual({ token: second })
    expect(h.sim.count('authorization')).toBe(2)
  })
})

describe('waking', () => {
  it('a page visible again renews a token near its end, in the background, with no call of its own', async () => {
    const start = Date.now()
    await h.context.clock.install({ time: start })
    await h.signIn(1)
    const page = await h.open('/')
    const { token: first } = await getToken(page)
    const { fingerprint } = await status(page)

    await page.clock.setSystemTime(start + 23 * HOUR + 52 * 60_000)
    // Headless Chromium keeps every page visible: the event the browser sends when a tab comes
    // back to the front, with the state it then has.
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange', { bubbles: true })))
    await page.waitForFunction(
      (f) => window.b2bAuth.getB2BStatus().fingerprint !== f && !window.b2bAuth.getB2BStatus().refreshing,
      fingerprint,
    )
    expect(h.sim.count('authorization')).toBe(2)
    const [record] = await storedTokens(page)
    expect(record?.token).toBe(h.sim.issuedTokens[1])
    expect(record?.token).not.toBe(first)
  })

  describe('restored from the back/forward cache', () => {
    let browser: Browser
    beforeAll(async () => {
      browser = await launchChromium({ backForwardCache: true })
    })
    afterAll(() => browser?.close())

    /** A storefront page and a page without the module, both cacheable in the back/forward cache. */
    async function cachedPage(clockStart?: number): Promise<{ context: BrowserContext; page: Page }> {
      const context = await browser.newContext()
      if (clockStart) await context.clock.install({ time: clockStart })
      context.on('weberror', (error) => h.pageErrors.push(String(error.error())))
      await context.addInitScript(() => {
        const w = window as unknown as { restored: number }
        w.restored = 0
        addEventListener('pageshow', (event) => (w.restored += Number(event.persisted)))
      })
      // no-store would keep a page out of the cache.
      const headers = { 'Cache-Control': 'private, max-age=0' }
      h.sim.setPage('/bf', (ctx) => storefrontPage(ctx), headers)
      h.sim.setPage('/elsewhere', '<!doctype html><title>Elsewhere</title><p>No module here.</p>', headers)
      await h.signIn(1, context)
      const page = await context.newPage()
      await page.goto(h.sim.storefrontUrl + '/bf')
      await ready(page)
      return { context, page }
    }
    const restore = async (page: Page) => {
      await page.goBack({ waitUntil: 'commit' })
      await page.waitForFunction(() => (window as unknown as { restored: number }).restored === 1)
    }

    it('a sign-out while the page was frozen: it trusts IndexedDB over its memory, and turns guest', async () => {
      const { context, page } = await cachedPage()
      try {
        expect(customerOf((await getToken(page)).token)).toBe(1)
        await page.goto(h.sim.storefrontUrl + '/elsewhere')
        // Signed out on a page without the module (checkout, say): nothing told the frozen page.
        await h.signOut(context)
        await page.evaluate(
          () =>
            new Promise<void>((resolve) => {
              const open = indexedDB.open('stencil-b2b-auth')
              open.onsuccess = () => {
                const tx = open.result.transaction('tokens', 'readwrite')
                tx.objectStore('tokens').clear()
                tx.oncomplete = () => {
                  open.result.close()
                  resolve()
                }
              }
            }),
        )
        h.sim.log.length = 0
        await restore(page)
        // Rendered for customer 1, whom current.jwt no longer names, and told of nothing: it
        // cannot tell this from a wrong client id, so it says so (client_id), with no token, after
        // asking with both known ids.
        await page.waitForFunction(() => window.b2bAuth.getB2BStatus().state === 'error')
        expect(counts()).toEqual({ jwt: 2, mints: 0, graphql: 0 })
        expect((await status(page)).error?.code).toBe('client_id')
        expect(await storedTokens(page)).toEqual([])
        expect((await getToken(page)).error?.code).toBe('client_id')
      } finally {
        await context.close()
      }
    })

    it('on restore, a token near its end is renewed, with no call of the page', async () => {
      const start = Date.now()
      const { context, page } = await cachedPage(start)
      try {
        await page.waitForFunction(() => window.b2bAuth.getB2BStatus().state === 'ready')
        const { fingerprint } = await status(page)
        // Time moves on, for the storefront too: nothing checks the token until something wakes
        // the page (no timers). Moved on before the page is frozen, as a frozen page's clock
        // cannot be set.
        await page.clock.setSystemTime(start + 23 * HOUR + 52 * 60_000)
        h.sim.clockOffsetMs = start + 23 * HOUR + 52 * 60_000 - Date.now()
        await page.goto(h.sim.storefrontUrl + '/elsewhere')
        h.sim.log.length = 0
        await restore(page)
        await page.waitForFunction(
          (f) => window.b2bAuth.getB2BStatus().fingerprint !== f && !window.b2bAuth.getB2BStatus().refreshing,
          fingerprint,
        )
        expect(counts()).toEqual({ jwt: 1, mints: 1, graphql: 1 })
        expect((await storedTokens(page)).map((r) => r.token)).toEqual([h.sim.issuedTokens.at(-1)])
      } finally {
        await context.close()
      }
    })
  })
})

describe('the browser lacking or losing what the module leans on', () => {
  it('without Web Locks, tabs opened cold at once still work, with at most one mint each', async () => {
    await withoutWebLocks(h.context)
    await h.signIn(1)
    const pages = await Promise.all(Array.from({ length: 4 }, (_, i) => h.open(`/tab${i}`)))
    expect(await pages[0]!.evaluate(() => 'locks' in navigator)).toBe(false)
    const tokens = await Promise.all(pages.map(async (page) => (await getToken(page)).token))
    for (const token of tokens) {
      expect(customerOf(token)).toBe(1)
      expect(h.sim.issuedTokens).toContain(token)
    }
    expect(h.sim.count('authorization')).toBeGreaterThanOrEqual(1)
    expect(h.sim.count('authorization')).toBeLessThanOrEqual(pages.length)
    expect(h.sim.count('current.jwt')).toBeLessThanOrEqual(pages.length)
    expect(await storedTokens(pages[0]!)).toHaveLength(1)
    h.sim.log.length = 0
    for (const page of pages) expect((await getToken(page)).token).toBeTruthy()
    expect(counts()).toEqual({ jwt: 0, mints: 0, graphql: 0 })
  })

  it('IndexedDB closed under the page (site data cleared): the next calls still work, and store again', async () => {
    await h.context.addInitScript(() => {
      const w = window as unknown as { idbClosed: number }
      w.idbClosed = 0
      const open = IDBFactory.prototype.open
      IDBFactory.prototype.open = function (this: IDBFactory, ...args: [string, number?]) {
        const request = open.apply(this, args)
        request.addEventListener('success', () => request.result.addEventListener('close', () => w.idbClosed++))
        return request
      } as typeof open
    })
    await h.signIn(1)
    const page = await h.open('/')
    const { token: first } = await getToken(page)
    // What Safari does now and then, and Chromium when site data is cleared: the connection
    // closes without the page asking (the close event fires).
    const cdp = await h.context.newCDPSession(page)
    await cdp.send('Storage.clearDataForOrigin', { origin: h.sim.storefrontUrl, storageTypes: 'indexeddb' })
    await page.waitForFunction(() => (window as unknown as { idbClosed: number }).idbClosed > 0)

    expect(await getToken(page)).toEqual({ token: first })
    const { token: second } = await getToken(page, { forceRefresh: true })
    expect(second).toBe(h.sim.issuedTokens[1])
    expect(await status(page)).toMatchObject({ state: 'ready', storage: 'indexeddb' })
    expect((await storedTokens(page)).map((r) => r.token)).toEqual([second])
    h.sim.log.length = 0
    const other = await h.open('/other')
    expect(await getToken(other)).toEqual({ token: second })
    expect(counts()).toEqual({ jwt: 0, mints: 0, graphql: 0 })
  })
})

describe('bad input and faults, each with its code, nothing sent on, nothing stored', () => {
  it('a JWT the storefront issued for another app client id is refused as jwt_audience', async () => {
    await h.signIn(1)
    const iat = Math.floor(Date.now() / 1000)
    const jwt = signHs256(
      {
        customer: { id: 1, email: 'c1@example.com', group_id: '0' },
        iss: 'bc/apps',
        sub: h.sim.options.storeHash,
        iat,
        exp: iat + 900,
        version: 1,
        aud: LEGACY_CLIENT_ID,
        application_id: LEGACY_CLIENT_ID,
        store_hash: h.sim.options.storeHash,
        operation: 'current_customer',
      },
      h.sim.options.clientSecrets[LEGACY_CLIENT_ID]!,
    )
    h.sim.fault('current.jwt', { status: 200, contentType: 'text/plain', body: jwt }, Infinity)
    const page = await h.open('/')
    expect(await settled(page)).toBe('error')
    const error = await rejection(page)
    expect(error?.code).toBe('jwt_audience')
    expect(error?.message).toContain('data-client-id')
    expect(error?.message).not.toContain(jwt.split('.')[1])
    // The page's start asked; the call above met the cooldown a misconfiguration starts.
    expect(counts()).toEqual({ jwt: 1, mints: 0, graphql: 0 })
    expect(await storedTokens(page)).toEqual([])
  })

  it('a JWT that had already expired is refused as jwt_expired', async () => {
    await h.signIn(1)
    const lifetime = h.sim.options.jwtLifetimeSec
    h.sim.options.jwtLifetimeSec = -60
    try {
      const page = await h.open('/')
      expect(await settled(page)).toBe('error')
      expect((await rejection(page))?.code).toBe('jwt_expired')
      expect(counts()).toEqual({ jwt: 2, mints: 0, graphql: 0 })
      expect(await storedTokens(page)).toEqual([])
    } finally {
      h.sim.options.jwtLifetimeSec = lifetime
    }
  })

  it('an oversized current.jwt body is refused as too_large', async () => {
    await h.signIn(1)
    h.sim.fault('current.jwt', { oversizeBytes: 200_000 }, Infinity)
    const page = await h.open('/')
    expect(await settled(page)).toBe('error')
    expect((await rejection(page))?.code).toBe('too_large')
    expect(counts()).toEqual({ jwt: 1, mints: 0, graphql: 0 })
    expect(await storedTokens(page)).toEqual([])
  })

  it.each([['current.jwt'], ['authorization']] as const)(
    'a %s answer streaming 256 MB with no Content-Length is cancelled once past the cap, not read whole',
    async (target) => {
      await h.signIn(1)
      h.sim.fault(target, { oversizeBytes: 256 * 1024 * 1024 }, Infinity)
      const page = await h.open('/')
      expect(await settled(page)).toBe('error')
      expect((await rejection(page))?.code).toBe('too_large')
      // Each answer stops once the tab goes away: what the sim got out is the cap plus what the
      // sockets and the browser buffer (Linux grows a loopback receive buffer up to
      // net.ipv4.tcp_rmem's 32 MB here), far from the whole 256 MB a build reading it all takes.
      const answers = () => h.sim.log.filter((r) => r.fault === 'oversize')
      expect(answers().length).toBeGreaterThan(0)
      await vi.waitFor(() => expect(answers().every((r) => r.sentBytes !== undefined)).toBe(true), { timeout: 20_000 })
      for (const answer of answers()) expect(answer.sentBytes).toBeLessThan(96 * 1024 * 1024)
      expect(await storedTokens(page)).toEqual([])
    },
  )

  it("GraphQL errors of the authorization mutation: the API's message and code reach the caller (a channel not live: channel_not_live)", async () => {
    await h.signIn(1)
    const message = 'Operation cannot be performed as the storefront channel is not live'
    h.sim.fault(
      'authorization',
      { status: 200, body: JSON.stringify({ data: { authorization: null }, errors: [{ message, extensions: { code: 403 } }] }) },
      Infinity,
    )
    const page = await h.open('/')
    expect(await settled(page)).toBe('error')
    const error = await rejection(page)
    expect(error).toMatchObject({ code: 'channel_not_live', graphqlCode: 403, errors: [{ message, code: 403 }] })
    expect(error?.message).toContain(message)
    expect((await status(page)).error?.message).toContain(message)
    // Never retried, and then paused: the call above sent nothing more.
    expect(counts()).toEqual({ jwt: 1, mints: 1, graphql: 1 })
    expect(await storedTokens(page)).toEqual([])
  })

  it('a 429 is retried only after its Retry-After', async () => {
    await h.signIn(1)
    h.sim.fault('authorization', { status: 429, headers: { 'Retry-After': '1' }, body: '{}' })
    const page = await h.open('/')
    expect((await getToken(page)).token).toBe(h.sim.issuedTokens[0])
    const [limited, retried] = h.sim.log.filter((r) => r.operation === 'authorization')
    expect([limited?.status, retried?.status]).toEqual([429, 200])
    expect(retried!.at - limited!.at).toBeGreaterThanOrEqual(1000)
  })

  it('a redirect from the B2B endpoint is never followed: the JWT goes nowhere else', async () => {
    await h.signIn(1)
    h.sim.fault('authorization', { status: 307, headers: { Location: `${h.sim.storefrontUrl}/collect` }, body: '' }, Infinity)
    const page = await h.open('/')
    const error = await rejection(page)
    expect(error?.code).toBe('network')
    expect(error?.message).toContain('redirect')
    expect(h.sim.count('/collect')).toBe(0)
    expect(h.sim.log.filter((r) => r.method === 'POST').every((r) => r.server === 'b2b' && r.path === '/graphql')).toBe(true)
    expect(await storedTokens(page)).toEqual([])
  })
})
