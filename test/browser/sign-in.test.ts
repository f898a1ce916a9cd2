import type { Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { B2B_ERRORS } from '../sim'
import { decodeUnverified } from '../sim/jwt'
import { getToken, settled, storedTokens, storefrontPage, useBrowser } from './harness'

const h = useBrowser()

afterEach(() => {
  expect(h.pageErrors).toEqual([])
})

/** signIn() in the page; a rejection comes back as { code, message }. */
function signIn(page: Page, credentials: Record<string, unknown>) {
  return page.evaluate(async (c) => {
    try {
      return { who: await window.b2bAuth.signIn(c as never) }
    } catch (error) {
      const e = error as { code?: string; message?: string }
      return { error: { code: e.code, message: e.message } }
    }
  }, credentials)
}

/** Whether the storefront session is signed in now, as current.jwt says (in the page). */
const storefrontCustomer = (page: Page) =>
  page.evaluate(async () => {
    const answer = await fetch('/customer/current.jwt?app_client_id=dl7c39mdpul6hyc489yk0vzxl6jesyx', { cache: 'no-store' })
    return answer.ok ? JSON.parse(atob((await answer.text()).split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))).customer.id : null
  })

describe('signIn()', () => {
  it('signs a Company user in: the token is kept and served, the storefront session is signed in too', async () => {
    const page = await h.open('/', { hint: false })
    expect(await settled(page)).toBe('guest')
    const { who } = await signIn(page, { email: 'ada.buyer@example.com', password: 'ada-password' })
    expect(who).toEqual({ customerId: '1', userId: '1001', email: 'ada.buyer@example.com', firstName: 'Ada', lastName: 'Buyer' })
    expect(JSON.stringify(who)).not.toContain(h.sim.issuedTokens[0]!)

    const [login] = h.sim.log.filter((r) => r.operation === 'login')
    expect(login?.variables).toEqual({ loginData: { storeHash: h.sim.options.storeHash, email: 'ada.buyer@example.com', password: 'ada-password', channelId: 1 } })
    expect(h.sim.count('login-token')).toBe(1)
    expect(await storefrontCustomer(page)).toBe(1)

    const before = h.sim.log.length
    expect(await getToken(page)).toEqual({ token: h.sim.issuedTokens[0] })
    expect(h.sim.log.slice(before).filter((r) => r.operation === 'authorization')).toEqual([])
    expect(await storedTokens(page)).toMatchObject([{ customerId: '1', token: h.sim.issuedTokens[0] }])
    expect((await page.evaluate(() => window.b2bAuth.getB2BStatus())).customerId).toBe('1')
  })

  it('on a page rendered for a guest, the token stays: served and used with no mint, stored once, kept through wake-ups', async () => {
    const page = await h.open('/')
    expect(await page.getAttribute('script[src*="stencil-b2b-auth"]', 'data-customer-id')).toBe('')
    expect(await settled(page)).toBe('guest')
    await signIn(page, { email: 'ada.buyer@example.com', password: 'ada-password' })
    const token = h.sim.issuedTokens[0]

    const before = h.sim.log.length
    expect(await getToken(page)).toEqual({ token })
    expect(h.sim.log.slice(before)).toEqual([])
    const used = await page.evaluate(() => window.b2bAuth.b2bGraphQL<{ customerInfo: { userType: number } }>('{ customerInfo { userType } }'))
    expect(used.customerInfo.userType).toBe(3)
    // The flow chunk loads for b2bGraphQL(); nothing else but the query itself is asked.
    const asked = h.sim.log.slice(before).filter((r) => !r.path.startsWith('/dist/'))
    expect(asked.map((r) => r.operation ?? r.path)).toEqual(['customerInfo'])
    expect(h.sim.log.slice(before).find((r) => r.operation === 'customerInfo')?.headers.authorization).toBe(`Bearer ${token}`)

    // Coming back to the tab, or online, must not take the page for a guest page again.
    await page.evaluate(async () => {
      document.dispatchEvent(new Event('visibilitychange', { bubbles: true }))
      dispatchEvent(new Event('online'))
      await new Promise((resolve) => setTimeout(resolve, 50))
    })
    expect(await getToken(page)).toEqual({ token })
    expect(await storedTokens(page)).toMatchObject([{ customerId: '1', token }])
    expect(h.sim.count('authorization')).toBe(0)
    expect(h.sim.count('current.jwt')).toBeLessThanOrEqual(1)
  })

  it('on a page rendered for a guest, signOut({ storefront: true }) makes it a guest page again, without asking on every call', async () => {
    const page = await h.open('/')
    await signIn(page, { email: 'ada.buyer@example.com', password: 'ada-password' })
    await getToken(page)
    await page.evaluate(() => window.b2bAuth.signOut({ storefront: true }))
    const before = h.sim.count('current.jwt')
    for (let i = 0; i < 3; i++) expect(await getToken(page)).toEqual({ token: null })
    // One current.jwt is fine (whether the storefront really signed out); one per call is not.
    expect(h.sim.count('current.jwt') - before).toBeLessThanOrEqual(1)
    expect(await storedTokens(page)).toEqual([])
    expect(h.sim.count('authorization')).toBe(0)
    expect(await page.evaluate(() => window.b2bAuth.getB2BStatus().state)).toBe('guest')
  })

  it('on a page rendered for a guest, a sign-out elsewhere makes it a guest page again once current.jwt says so', async () => {
    const page = await h.open('/')
    await signIn(page, { email: 'ada.buyer@example.com', password: 'ada-password' })
    // Signed out by Stencil's own link in another tab: this page learns it from its token being
    // cleared, then from current.jwt.
    const other = await h.open('/other', { hint: false })
    await other.evaluate(() => window.b2bAuth.signOut({ storefront: true }))
    await page.waitForFunction(() => window.b2bAuth.getB2BStatus().state !== 'ready')
    const before = h.sim.count('current.jwt')
    for (let i = 0; i < 3; i++) expect(await getToken(page)).toEqual({ token: null })
    expect(h.sim.count('current.jwt') - before).toBe(1)
    expect(h.sim.count('authorization')).toBe(0)
    expect(await page.evaluate(() => window.b2bAuth.getB2BStatus().state)).toBe('guest')
  })

  it("on a page rendered for a guest, a sign-in as someone else in another tab ends this one's token", async () => {
    const page = await h.open('/')
    await signIn(page, { email: 'ada.buyer@example.com', password: 'ada-password' })
    const { token: adas } = await getToken(page)
    const other = await h.open('/other', { hint: false })
    await signIn(other, { email: 'sue.super@example.com', password: 'sue-password' })
    await page.waitForFunction(() => window.b2bAuth.getB2BStatus().customerId !== '1')
    const { token } = await getToken(page)
    expect(token).not.toBe(adas)
    expect(decodeUnverified(token!)?.claims.bc_customer_id).toBe(6)
  })

  it('tells the other tabs: a tab open as a guest gets the new customer at once', async () => {
    const other = await h.open('/other', { hint: false })
    expect(await settled(other)).toBe('guest')
    const page = await h.open('/', { hint: false })
    await signIn(page, { email: 'ada.buyer@example.com', password: 'ada-password' })
    // The other tab's next page view is signed in; meanwhile it asks and is told.
    expect((await getToken(other)).token).toBe(h.sim.issuedTokens[0])
    expect(h.sim.count('authorization')).toBe(0)
  })

  it.each([
    ['a wrong password', { email: 'ada.buyer@example.com', password: 'wrong-password' }, 'invalid_credentials'],
    ['an unknown email', { email: 'nobody@example.com', password: 'whatever-password' }, 'invalid_credentials'],
    ['a pending company', { email: 'pat.pending@example.com', password: 'pat-password' }, 'company_pending'],
    ['a rejected company', { email: 'rae.rejected@example.com', password: 'rae-password' }, 'company_rejected'],
    ['an inactive company', { email: 'ian.inactive@example.com', password: 'ian-password' }, 'company_inactive'],
    ['a channel that is not live', { email: 'ada.buyer@example.com', password: 'ada-password', channelId: 3 }, 'channel_not_live'],
  ])('%s is its own error, and nothing is kept', async (_, credentials, code) => {
    const page = await h.open('/', { hint: false })
    const { error } = await signIn(page, credentials)
    expect(error?.code).toBe(code)
    expect(await storedTokens(page)).toEqual([])
    expect(h.sim.count('login-token')).toBe(0)
    expect(await storefrontCustomer(page)).toBeNull()
  })

  it.each([
    ['pat.pending@example.com', 'company_pending', 'pat-password', 1003],
    ['rae.rejected@example.com', 'company_rejected', 'rae-password', 1004],
    ['ian.inactive@example.com', 'company_inactive', 'ian-password', 1005],
  ])('%s gets %s: the login succeeds, userCompany with the new token refuses; nothing kept, nothing synced', async (email, code, password, userId) => {
    const page = await h.open('/', { hint: false })
    const { error } = await signIn(page, { email, password })
    expect(error?.code).toBe(code)
    expect(h.sim.count('login')).toBe(1)
    const asked = h.sim.log.filter((r) => r.operation === 'userCompany')
    expect(asked).toHaveLength(1)
    expect(asked[0]?.variables).toEqual({ userId })
    expect(asked[0]?.headers.authorization).toBe(`Bearer ${h.sim.issuedTokens[0]}`)
    expect(asked[0]?.headers.cookie).toBeUndefined()
    expect(h.sim.count('login-token')).toBe(0)
    expect(await storedTokens(page)).toEqual([])
    expect(await page.evaluate(() => window.b2bAuth.getB2BStatus().fingerprint)).toBeNull()
    expect(error?.message).not.toContain(h.sim.issuedTokens[0]!)
  })

  it('a B2C customer (role 99) signs in without userCompany, which the Portal never asks for one', async () => {
    const page = await h.open('/', { hint: false })
    const { who } = await signIn(page, { email: 'bo.shopper@example.com', password: 'bo-password' })
    expect(who?.customerId).toBe('2')
    expect(h.sim.count('userCompany')).toBe(0)
    expect(await storedTokens(page)).toMatchObject([{ customerId: '2', token: h.sim.issuedTokens[0] }])
    expect(await storefrontCustomer(page)).toBe(2)
  })

  it('a super admin (role 3) signs in without userCompany, which the Portal never asks for one', async () => {
    const page = await h.open('/', { hint: false })
    const { who } = await signIn(page, { email: 'sue.super@example.com', password: 'sue-password' })
    expect(who?.customerId).toBe('6')
    expect(h.sim.count('userCompany')).toBe(0)
    expect(await storedTokens(page)).toMatchObject([{ customerId: '6', token: h.sim.issuedTokens[0] }])
  })

  it('should the API refuse the login itself for a pending company, its message still maps to company_pending', async () => {
    const { message, code } = B2B_ERRORS.companyPending
    h.sim.fault('login', { status: 200, body: JSON.stringify({ data: { login: null }, errors: [{ message, extensions: { code } }] }) })
    const page = await h.open('/', { hint: false })
    const { error } = await signIn(page, { email: 'pat.pending@example.com', password: 'pat-password' })
    expect(error?.code).toBe('company_pending')
    expect(h.sim.count('userCompany')).toBe(0)
    expect(await storedTokens(page)).toEqual([])
  })

  it('a userCompany that fails fails the sign-in: nothing kept, nothing synced', async () => {
    h.sim.fault('userCompany', { status: 200, body: '{"errors":[{"message":"Permission denied","extensions":{"code":403}}]}' })
    const page = await h.open('/', { hint: false })
    const { error } = await signIn(page, { email: 'ada.buyer@example.com', password: 'ada-password' })
    expect(error?.code).toBe('graphql')
    expect(h.sim.count('login-token')).toBe(0)
    expect(await storedTokens(page)).toEqual([])
  })

  it('a failed session sync is a session_sync error, and the token is not kept', async () => {
    h.sim.fault('login-token', { status: 500, body: 'down' })
    const page = await h.open('/', { hint: false })
    const { error } = await signIn(page, { email: 'ada.buyer@example.com', password: 'ada-password' })
    expect(error?.code).toBe('session_sync')
    expect(await storedTokens(page)).toEqual([])
    expect(await page.evaluate(() => window.b2bAuth.getB2BStatus().fingerprint)).toBeNull()
  })

  it('a login token redirected to the login page without a session is a session_sync error: current.jwt tells', async () => {
    // What the storefront may do with a bad login token: an opaque redirect, as on success, but no cookie.
    h.sim.fault('login-token', { status: 302, headers: { Location: '/login.php' }, contentType: 'text/html' })
    const page = await h.open('/', { hint: false })
    const { error } = await signIn(page, { email: 'ada.buyer@example.com', password: 'ada-password' })
    expect(error?.code).toBe('session_sync')
    expect(error?.message).toContain('no customer signed in')
    expect(h.sim.log.find((r) => r.path.startsWith('/login/token/'))?.status).toBe(302)
    // After the login token, current.jwt was asked, with the page's client id.
    const afterSync = h.sim.log.slice(h.sim.log.findIndex((r) => r.path.startsWith('/login/token/')))
    expect(afterSync.filter((r) => r.path === '/customer/current.jwt').map((r) => r.query.app_client_id)).toEqual(['dl7c39mdpul6hyc489yk0vzxl6jesyx'])
    expect(await storedTokens(page)).toEqual([])
    expect(await page.evaluate(() => window.b2bAuth.getB2BStatus().fingerprint)).toBeNull()
    expect(await storefrontCustomer(page)).toBeNull()
    for (const text of [error?.message ?? '', ...h.consoleLines]) {
      expect(text).not.toContain(h.sim.issuedLoginTokens[0]!)
      expect(text).not.toContain(h.sim.issuedTokens[0]!)
    }
  })

  it('a session that signed in as someone else is a session_sync error too', async () => {
    // The Customer Login endpoint answered, but the session is still another customer's.
    await h.signIn(2)
    h.sim.fault('login-token', { status: 302, headers: { Location: '/' }, contentType: 'text/html' })
    const page = await h.open('/', { hint: false })
    const { error } = await signIn(page, { email: 'ada.buyer@example.com', password: 'ada-password' })
    expect(error?.code).toBe('session_sync')
    expect(error?.message).toContain('another customer')
    // Whose the session is after a failed sync cannot be trusted: nobody's token is kept, not
    // customer 1's nor the page's customer 2's; the next call asks current.jwt and follows it.
    expect(await storedTokens(page)).toEqual([])
    expect(await page.evaluate(() => window.b2bAuth.getB2BStatus().customerId)).toBe(null)
    const { token } = await getToken(page)
    expect(decodeUnverified(token!)?.claims.bc_customer_id).toBe(2)
  })

  it('never keeps, logs or shows the password, nor puts it in a URL', async () => {
    const page = await h.open('/', { hint: false })
    await page.evaluate(() => window.b2bAuth.debug(true))
    const password = 'ada-password'
    await signIn(page, { email: 'ada.buyer@example.com', password: 'wrong-password-123' })
    await signIn(page, { email: 'ada.buyer@example.com', password })
    const kept = await page.evaluate(async () => ({
      local: JSON.stringify(localStorage),
      session: JSON.stringify(sessionStorage),
      status: JSON.stringify(window.b2bAuth.getB2BStatus()),
      html: document.documentElement.outerHTML,
    }))
    const stored = JSON.stringify(await storedTokens(page))
    for (const secret of [password, 'wrong-password-123']) {
      for (const text of [kept.local, kept.session, kept.status, kept.html, stored, ...h.consoleLines]) expect(text).not.toContain(secret)
      expect(h.sim.log.some((r) => r.path.includes(secret) || JSON.stringify(r.query).includes(secret))).toBe(false)
    }
  })

  it.each([[0], [-1], [1.5], ['2']])('refuses channelId %j with a config error naming it, sending nothing', async (channelId) => {
    const page = await h.open('/', { hint: false })
    const { error } = await signIn(page, { email: 'ada.buyer@example.com', password: 'ada-password', channelId })
    expect(error?.code).toBe('config')
    expect(error?.message).toMatch(/^channelId must be a positive integer/)
    expect(error?.message).not.toContain('ada-password')
    expect(h.sim.count('login')).toBe(0)
  })

  it('refuses a server-to-server credential passed along, sending nothing', async () => {
    const page = await h.open('/', { hint: false })
    const { error } = await signIn(page, { email: 'ada.buyer@example.com', password: 'ada-password', xAuthToken: 'abc' })
    expect(error?.code).toBe('config')
    expect(h.sim.count('login')).toBe(0)
  })
})

describe('signOut()', () => {
  it('clears every tab, and with { storefront: true } signs the storefront session out', async () => {
    await h.signIn(1)
    const a = await h.open('/a')
    const b = await h.open('/b')
    await getToken(a)
    await getToken(b)
    await a.evaluate(() => window.b2bAuth.signOut({ storefront: true }))
    await b.waitForFunction(() => window.b2bAuth.getB2BStatus().fingerprint === null)
    expect(await storedTokens(a)).toEqual([])
    expect(h.sim.count('/login.php')).toBe(1)
    expect(await storefrontCustomer(a)).toBeNull()
    expect(await getToken(b)).toEqual({ token: null })
  })

  /** signOut() in the page; a rejection comes back as { code, message, status }. */
  const signOut = (page: Page) =>
    page.evaluate(() =>
      window.b2bAuth.signOut({ storefront: true }).then(
        () => null,
        (e: { code?: string; message?: string; status?: number; name?: string }) => ({ code: e.code, message: e.message, status: e.status, name: e.name }),
      ),
    )

  it('signs the storefront out first, and only then clears every tab, so no tab mints from the session in between', async () => {
    await h.signIn(1)
    // A short deadline: the sign-out below never answers.
    const attributes = { 'data-timeout-ms': '1500' }
    const a = await h.open('/a', { attributes })
    const b = await h.open('/b', { attributes })
    await getToken(a)
    await getToken(b)
    h.sim.fault('logout', { hang: true })
    const outcome = signOut(a)
    await expect.poll(() => h.sim.count('/login.php')).toBe(1)
    // The storefront is being signed out: the token is still there, in IndexedDB and in the other tab.
    expect(await storedTokens(b)).toHaveLength(1)
    expect(await b.evaluate(() => window.b2bAuth.getB2BStatus().fingerprint)).not.toBeNull()
    // No answer: the cache is cleared all the same, and the caller learns the session may be live.
    const error = await outcome
    expect(error).toMatchObject({ name: 'B2BAuthError', code: 'network' })
    expect(error?.message).toContain('the storefront session may still be signed in')
    expect(await storedTokens(a)).toEqual([])
    await b.waitForFunction(() => window.b2bAuth.getB2BStatus().fingerprint === null)
    expect(await storefrontCustomer(a)).toBe(1)
  })

  it.each([
    ['answers HTTP 500', 'http', { status: 500, body: 'down', contentType: 'text/html' }, 500],
    // Every time: Chromium sends a GET again once when a reused connection drops.
    ['drops the connection', 'network', { drop: true }, undefined],
  ])('when the storefront sign-out %s: cleared all the same, then a %s error saying the session may still be signed in', async (_, code, fault, status) => {
    await h.signIn(1)
    const a = await h.open('/a')
    const b = await h.open('/b')
    await getToken(a)
    await getToken(b)
    h.sim.fault('logout', fault, Infinity)
    const error = await signOut(a)
    expect(error).toMatchObject({ name: 'B2BAuthError', code, status })
    expect(error?.message).toMatch(/^The storefront sign-out \(\/login\.php\?action=logout\) .*: the storefront session may still be signed in; the B2B token was cleared$/)
    expect(h.sim.count('/login.php')).toBeGreaterThanOrEqual(1)
    h.sim.clearFaults()
    expect(await storefrontCustomer(a)).toBe(1)
    expect(await storedTokens(a)).toEqual([])
    await b.waitForFunction(() => window.b2bAuth.getB2BStatus().fingerprint === null)
    expect(await a.evaluate(() => window.b2bAuth.getB2BStatus().state)).toBe('idle')
  })
})

describe('beside the Buyer Portal', () => {
  /** A simulated Buyer Portal: mints its own token at start-up, per tab, and exposes it. */
  const PORTAL = `<script>
    window.b2b = { utils: { user: { getB2BToken: () => window.portalToken || '' } } }
    fetch('/customer/current.jwt?app_client_id=dl7c39mdpul6hyc489yk0vzxl6jesyx', { cache: 'no-store' })
      .then((a) => (a.ok ? a.text() : Promise.reject(new Error('guest'))))
      .then((bcToken) => new Promise((r) => setTimeout(() => r(bcToken), 300)))
      .then((bcToken) => fetch(document.querySelector('script[data-graphql-endpoint]').dataset.graphqlEndpoint, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'mutation($bcToken:String!){authorization(authData:{bcToken:$bcToken,channelId:1}){result{token}}}', variables: { bcToken } }),
      }))
      .then((a) => a.json()).then((body) => { window.portalToken = body.data.authorization.result.token })
      .catch(() => {})
  </script>`

  /**
   * The Portal as it really starts: its inline install script sets window.B3 at once; its bundle
   * signs in (current.jwt, then the authorization mutation) and sets window.b2b.utils only later,
   * in a React effect once it has loaded. A theme script asks for the token at start-up, as many
   * do. The utils appear 500 ms after the module's own current.jwt has been answered (the second
   * one on the page), so the module is surely past it and deciding whether to mint when they are
   * still missing: page loads vary too much for a delay counted from the start.
   */
  const LATE_PORTAL = (storeHash: string) => `<script>
    window.B3 = { setting: { store_hash: '${storeHash}', channel_id: 1, platform: 'bigcommerce', cart_url: '/cart.php' } }
    let answered = 0
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (!entry.name.includes('/customer/current.jwt') || ++answered !== 2) continue
        setTimeout(() => {
          window.portalUtilsAt = performance.now()
          window.b2b = { utils: { user: { getB2BToken: () => window.portalToken || '' } } }
        }, 500)
      }
    }).observe({ type: 'resource' })
    fetch('/customer/current.jwt?app_client_id=dl7c39mdpul6hyc489yk0vzxl6jesyx', { cache: 'no-store' })
      .then((a) => (a.ok ? a.text() : Promise.reject(new Error('guest'))))
      .then((bcToken) => fetch(document.querySelector('script[data-graphql-endpoint]').dataset.graphqlEndpoint, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'mutation($bcToken:String!){authorization(authData:{bcToken:$bcToken,channelId:1}){result{token}}}', variables: { bcToken } }),
      }))
      .then((a) => a.json()).then((body) => { window.portalToken = body.data.authorization.result.token })
      .catch(() => {})
    ;(window.b2bAuthReady = window.b2bAuthReady || []).push((b2bAuth) => { window.startUpToken = b2bAuth.getB2BToken() })
  </script>`

  it('waits for a Portal whose utils appear late (window.B3 set at once), and takes its token: one mutation in all', async () => {
    await h.signIn(1)
    const page = await h.open('/late-portal', { body: LATE_PORTAL(h.sim.options.storeHash) })
    const token = await page.evaluate(() => (window as unknown as { startUpToken: Promise<string | null> }).startUpToken)
    const seen = await page.evaluate(() => {
      const w = window as unknown as { portalToken: string; portalUtilsAt: number }
      const asked = performance.getEntriesByType('resource').filter((e) => e.name.includes('/customer/current.jwt'))
      return { portalToken: w.portalToken, utilsAt: w.portalUtilsAt, answered: asked.map((e) => (e as PerformanceResourceTiming).responseEnd) }
    })
    // Both current.jwt answers (the Portal's, the module's) came before the Portal's utils.
    expect(seen.answered).toHaveLength(2)
    for (const at of seen.answered) expect(at).toBeLessThan(seen.utilsAt)
    expect(token).toBe(seen.portalToken)
    expect(h.sim.count('authorization')).toBe(1)
    expect(await storedTokens(page)).toMatchObject([{ customerId: '1', token }])
  })

  it("takes the Portal's token rather than racing it with a mint of its own", async () => {
    await h.signIn(1)
    const page = await h.open('/portal', { body: PORTAL })
    const { token } = await getToken(page)
    expect(token).toBe(await page.evaluate(() => (window as unknown as { portalToken: string }).portalToken))
    expect(h.sim.count('authorization')).toBe(1)
    expect(decodeUnverified(token!)?.claims.bc_customer_id).toBe(1)
    // The next page view, with or without the Portal, is served from the cache.
    const next = await h.open('/next')
    expect(await getToken(next)).toEqual({ token })
    expect(h.sim.count('authorization')).toBe(1)
  })

  /**
   * The Portal as it keeps its token: in sessionStorage, offered at start-up before its own
   * sign-in has compared its JWT with a fresh one and minted anew (1.5 s later here).
   */
  const STORING_PORTAL = `<script>
    window.b2b = { utils: { user: { getB2BToken: () => sessionStorage.getItem('portal-token') || '' } } }
    fetch('/customer/current.jwt?app_client_id=dl7c39mdpul6hyc489yk0vzxl6jesyx', { cache: 'no-store' })
      .then((a) => (a.ok ? a.text() : Promise.reject(new Error('guest'))))
      .then((bcToken) => new Promise((r) => setTimeout(() => r(bcToken), 1500)))
      .then((bcToken) => fetch(document.querySelector('script[data-graphql-endpoint]').dataset.graphqlEndpoint, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'mutation($bcToken:String!){authorization(authData:{bcToken:$bcToken,channelId:1}){result{token}}}', variables: { bcToken } }),
      }))
      .then((a) => a.json()).then((body) => sessionStorage.setItem('portal-token', body.data.authorization.result.token))
      .catch(() => {})
  </script>`

  it("never takes the Portal's stale token of the previous customer: the B2B API says whose it is", async () => {
    await h.signIn(2)
    const page = await h.open('/portal', { body: STORING_PORTAL })
    const { token: previous } = await getToken(page)
    expect(decodeUnverified(previous!)?.claims.bc_customer_id).toBe(2)
    await page.waitForFunction(() => sessionStorage.getItem('portal-token'))

    // Another customer signs in; in the same tab, the Portal offers customer 2's token at first.
    await h.signIn(1)
    h.sim.setPage('/portal-again', (ctx) => storefrontPage(ctx, { body: STORING_PORTAL }))
    await page.goto(h.sim.storefrontUrl + '/portal-again')
    const { token } = await getToken(page)
    expect(token).not.toBe(previous)
    expect(decodeUnverified(token!)?.claims.bc_customer_id).toBe(1)
    expect(await storedTokens(page)).toMatchObject([{ customerId: '1', token }])
    // Asked whose the offered token was (customer 2's), then minted its own.
    expect(h.sim.log.filter((r) => r.operation === 'customerInfo')).toHaveLength(2)
  })

  it('without the Portal, mints its own, once', async () => {
    await h.signIn(1)
    const page = await h.open('/')
    expect((await getToken(page)).token).toBe(h.sim.issuedTokens[0])
    expect(h.sim.count('authorization')).toBe(1)
  })

  it("renewing the Portal's token near its end mints anew rather than taking the same token again", async () => {
    const start = Date.now()
    await h.context.clock.install({ time: start })
    await h.signIn(1)
    const page = await h.open('/portal', { body: PORTAL })
    const { token: portals } = await getToken(page)
    const fingerprint = await page.evaluate(() => window.b2bAuth.getB2BStatus().fingerprint)
    expect(h.sim.count('authorization')).toBe(1)
    await page.clock.setSystemTime(start + 23 * 3_600_000 + 52 * 60_000)
    expect(await getToken(page)).toEqual({ token: portals })
    await page.waitForFunction((f) => window.b2bAuth.getB2BStatus().fingerprint !== f && !window.b2bAuth.getB2BStatus().refreshing, fingerprint)
    expect(h.sim.count('authorization')).toBe(2)
    const [stored] = await storedTokens(page)
    expect(stored?.token).toBe(h.sim.issuedTokens[1])
  })

  it("when the Portal's token is refused, forceRefresh mints its own instead of taking it again", async () => {
    await h.signIn(1)
    const page = await h.open('/portal', { body: PORTAL })
    const { token: portals } = await getToken(page)
    const { token: own } = await getToken(page, { forceRefresh: true })
    expect(own).not.toBe(portals)
    expect(h.sim.count('authorization')).toBe(2)
  })
})
