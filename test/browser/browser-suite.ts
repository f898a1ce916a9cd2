import { describe, expect, it } from 'vitest'
import { getToken, loadedModuleFiles, settled, storedTokens } from './harness'
import type { BrowserName } from './drivers'
import { pageScript, useDriver } from './drivers/harness'
import { buyerPortalBrowserTests } from './buyer-portal-browsers'
import { waitFor } from './drivers/wait'
import { layout, renderStencil, snippet } from './stencil'
import { expectNoPageErrors, expectStableScreenshot, status } from './support'

const WHO_AM_I = '{ customerInfo { userType userInfo { id email role } } }'
const DAY = 86_400_000
/** The badge's countdown and dates depend on the clock: pinned for its screenshot. */
const FIXED_TIME = Date.parse('2026-06-01T12:00:00Z')
const NONCE = 'r4nd0mN0nce'

/**
 * What a storefront needs of every browser, written once and run in Chromium, Firefox and WebKit
 * (browser-<name>.test.ts): the same simulator, the same built dist/, the same assertions.
 */
export function browserSuite(name: BrowserName): void {
  const h = useDriver(name)
  const b2bRequests = () => h.sim.log.filter((r) => r.server === 'b2b')
  // The real Buyer Portal beside the module; Chromium runs all of buyer-portal.test.ts instead.
  if (name !== 'chromium') buyerPortalBrowserTests(h, name)

  describe(`the token engine in ${name}`, () => {
    it('a cold page mints once: one current.jwt, one authorization, the token stored in IndexedDB', async () => {
      await h.signIn(1)
      const tab = await h.open('/')
      expect(await settled(tab)).toBe('ready')
      const { token } = await getToken(tab)
      expect(token).toBe(h.sim.issuedTokens[0])
      expect(h.sim.count('current.jwt')).toBe(1)
      expect(h.sim.count('authorization')).toBe(1)
      const [record] = await storedTokens(tab)
      expect(record).toMatchObject({ token, customerId: '1', channelId: 1 })
      expect(await status(tab)).toMatchObject({ state: 'ready', customerId: '1', storage: 'indexeddb', error: null })
      await expectNoPageErrors(h)
    })

    it('a warm page view makes no request at all and loads only the entry', async () => {
      await h.signIn(1)
      const tab = await h.open('/')
      const { token } = await getToken(tab)
      h.sim.log.length = 0
      await tab.reload()
      expect(await settled(tab)).toBe('ready')
      expect(await getToken(tab)).toEqual({ token })
      expect(b2bRequests()).toEqual([])
      expect(h.sim.count('current.jwt')).toBe(0)
      expect(await loadedModuleFiles(tab)).toEqual(['stencil-b2b-auth.js'])
      await expectNoPageErrors(h)
    })

    it('a guest gets null and nothing is sent to either endpoint', async () => {
      const tab = await h.open('/')
      expect(await settled(tab)).toBe('guest')
      expect(await getToken(tab)).toEqual({ token: null })
      expect(h.sim.count('current.jwt')).toBe(0)
      expect(b2bRequests()).toEqual([])
      await expectNoPageErrors(h)
    })

    it('two tabs opened while the mint is under way share one mint', async () => {
      h.sim.fault('authorization', { delayMs: 1500 })
      await h.signIn(1)
      const first = await h.open('/first')
      const second = await h.open('/second')
      const tokens = [(await getToken(first)).token, (await getToken(second)).token]
      expect(tokens).toEqual([h.sim.issuedTokens[0], h.sim.issuedTokens[0]])
      expect(h.sim.count('authorization')).toBe(1)
      expect(h.sim.count('current.jwt')).toBe(1)
      await expectNoPageErrors(h)
    })

    it('a sign-out seen in one tab reaches the other: it drops the token and then gets null', async () => {
      await h.signIn(1)
      const shopping = await h.open('/shopping')
      const { token: old } = await getToken(shopping)
      expect(old).toBeTruthy()
      await h.signOut()
      const signedOut = await h.open('/signed-out')
      expect(await settled(signedOut)).toBe('guest')
      await waitFor(shopping, () => window.b2bAuth.getB2BStatus().fingerprint === null)
      expect(await storedTokens(shopping)).toEqual([])
      h.sim.log.length = 0
      expect(await getToken(shopping)).toEqual({ token: null })
      // The stale tab asked the storefront, and was told nobody is signed in.
      expect(h.sim.count('current.jwt')).toBe(1)
      expect(h.sim.count('authorization')).toBe(0)
      await expectNoPageErrors(h)
    })

    it('IndexedDB refused (private browsing): the token all the same, kept in memory', async () => {
      const refuse = `<script>IDBFactory.prototype.open = () => { throw new DOMException('The user denied permission to access the database.', 'InvalidStateError') }</script>`
      await h.signIn(1)
      const tab = await h.open('/', { body: refuse })
      const { token } = await getToken(tab)
      expect(token).toBe(h.sim.issuedTokens[0])
      expect(await status(tab)).toMatchObject({ state: 'ready', storage: 'memory' })
      expect(await getToken(tab)).toEqual({ token })
      expect(h.sim.count('authorization')).toBe(1)
      await expectNoPageErrors(h)
    })

    it('past its expiry on the page clock, the stored token is replaced by a new mint', async () => {
      await h.signIn(1)
      const tab = await h.open('/')
      const { token: first } = await getToken(tab)
      await tab.evaluate((offset) => localStorage.setItem('test-clock-offset', String(offset)), DAY + 60_000)
      await tab.reload()
      const { token: second } = await getToken(tab)
      expect(second).toBe(h.sim.issuedTokens[1])
      expect(second).not.toBe(first)
      expect(h.sim.count('authorization')).toBe(2)
      await expectNoPageErrors(h)
    })
  })

  describe(`b2bGraphQL() in ${name}`, () => {
    it('on the expired-token answer (40101) mints a new token once and retries once', async () => {
      await h.signIn(1)
      const tab = await h.open('/')
      await getToken(tab)
      h.sim.expireTokens()
      const data = await tab.evaluate((query) => window.b2bAuth.b2bGraphQL(query), WHO_AM_I)
      expect(data).toMatchObject({ customerInfo: { userType: 3, userInfo: { id: 1001 } } })
      const sent = h.sim.log.filter((r) => r.server === 'b2b' && r.method === 'POST' && r.operation === 'customerInfo')
      expect(sent.map((r) => r.headers.authorization)).toEqual([`Bearer ${h.sim.issuedTokens[0]}`, `Bearer ${h.sim.issuedTokens[1]}`])
      expect(h.sim.count('authorization')).toBe(2)
      expect((await getToken(tab)).token).toBe(h.sim.issuedTokens[1])
      await expectNoPageErrors(h)
    })
  })

  describe(`the badge in ${name}`, () => {
    it('renders the active state (screenshot per browser)', async () => {
      await h.signIn(1)
      const corner = '<style>:root { --b2b-auth-badge-corner: bottom-left }</style>'
      const tab = await h.open('/', { attributes: { 'data-badge': '' }, body: corner, fixedClock: FIXED_TIME })
      await waitFor(tab, () => !!document.querySelector('stencil-b2b-auth-badge')?.shadowRoot?.querySelector('.root[data-state="active"]'))
      await expectStableScreenshot(() => tab.screenshot('stencil-b2b-auth-badge'), `browser-${name}-badge`)
      await expectNoPageErrors(h)
    })
  })

  describe(`the theme partial in ${name}`, () => {
    it('rendered by stencil-paper, under a nonce CSP: the token, one mint', async () => {
      const html = await renderStencil(
        { 'layout/base': layout({ partial: 'head' }), 'components/b2b-auth': snippet('templates/components/b2b-auth.html') },
        'layout/base',
        {
          customerId: 1,
          storeHash: h.sim.options.storeHash,
          cdnUrl: h.sim.storefrontUrl,
          themeVersion: 'a1b2c3',
          nonce: NONCE,
          channelId: 1,
          themeSettings: { b2b_auth_graphql_endpoint: h.sim.b2bUrl },
        },
      )
      const csp = { 'Content-Security-Policy': `script-src 'nonce-${NONCE}' 'strict-dynamic'; object-src 'none'; base-uri 'none'` }
      h.sim.setPage('/themed', html.replace('</title>', `</title>${pageScript({ nonce: NONCE })}`), csp)
      await h.signIn(1)
      const tab = await h.visit('/themed')
      expect(await tab.evaluate(() => document.querySelector<HTMLScriptElement>('script[type=module]')?.nonce)).toBe(NONCE)
      expect(await getToken(tab)).toEqual({ token: h.sim.issuedTokens[0] })
      expect(h.sim.count('authorization')).toBe(1)
      await expectNoPageErrors(h)
    })
  })
}
