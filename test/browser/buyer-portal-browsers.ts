import { afterEach, describe, expect, it } from 'vitest'
import { decodeUnverified } from '../sim/jwt'
import type { BrowserName } from './drivers'
import type { DriverHarness } from './drivers/harness'
import { waitFor } from './drivers/wait'
import { getToken, storedTokens } from './harness'
import { expectNoPageErrors } from './support'

/**
 * The real Buyer Portal beside the module in Firefox and WebKit (Chromium runs the whole of
 * buyer-portal.test.ts): a cold signed-in page, and signOut({ storefront: true }). Run from the
 * browser suite, on its harness, so that no browser is launched twice.
 */
export function buyerPortalBrowserTests(h: DriverHarness, name: BrowserName): void {
  const portalTags = () =>
    `<script>window.B3 = { setting: { store_hash: '${h.sim.options.storeHash}', channel_id: 1, platform: 'bigcommerce', environment: 'local' } }</script>
<script type="module" src="/bp/index.js"></script>`
  type PortalWindow = { b2b?: { utils?: { user?: { getB2BToken(): string } } } }
  const portalToken = (tab: Awaited<ReturnType<DriverHarness['open']>>) =>
    tab.evaluate(() => (window as unknown as PortalWindow).b2b?.utils?.user?.getB2BToken() ?? '')
  const customerOf = (token: string | null | undefined) => (token ? decodeUnverified(token)?.claims.bc_customer_id : undefined)

  describe(`the real Buyer Portal beside the module in ${name}`, () => {
    afterEach(() => {
      h.sim.options.currentJwtCacheable = true
    })

    it('a cold signed-in page: both hold a token of the signed-in customer, no page error', async () => {
      // As in buyer-portal.test.ts: the Portal reads current.jwt through the HTTP cache.
      h.sim.options.currentJwtCacheable = false
      await h.signIn(1)
      const tab = await h.open('/portal', { body: portalTags() })
      const { token } = await getToken(tab)
      expect(customerOf(token)).toBe(1)
      await waitFor(tab, () => !!(window as unknown as PortalWindow).b2b?.utils?.user?.getB2BToken())
      expect(customerOf(await portalToken(tab))).toBe(1)
      expect(h.sim.count('authorization')).toBe(2)
      await expectNoPageErrors(h)
    })

    it('signOut({ storefront: true }): the Portal ends signed out; every tab of the module answers null', async () => {
      h.sim.options.currentJwtCacheable = false
      await h.signIn(1)
      const tab = await h.open('/portal', { body: portalTags() })
      const other = await h.open('/other')
      expect(customerOf((await getToken(tab)).token)).toBe(1)
      expect(customerOf((await getToken(other)).token)).toBe(1)
      await waitFor(tab, () => !!(window as unknown as PortalWindow).b2b?.utils?.user?.getB2BToken())
      const mints = h.sim.count('authorization')
      await tab.evaluate(() => window.b2bAuth.signOut({ storefront: true }))
      await waitFor(tab, () => (window as unknown as PortalWindow).b2b?.utils?.user?.getB2BToken() === '')
      for (const each of [tab, other]) expect(await getToken(each)).toEqual({ token: null })
      expect(await storedTokens(tab)).toEqual([])
      // The storefront session has ended: nobody can mint for it any more.
      expect(h.sim.count('authorization')).toBe(mints)
      await expectNoPageErrors(h)
    })
  })
}
