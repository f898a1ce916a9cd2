// A theme's service worker that answers current.jwt cache-first (PWA and offline add-ons do, and
// never honour `cache: 'no-store'`): on a shared device, the next customer's page must never get a
// token minted from the previous customer's cached JWT.
import { describe, expect, it } from 'vitest'
import { decodeUnverified } from '../sim/jwt'
import { getToken, storedTokens, useBrowser } from './harness'
import { customerOf, failOnPageErrors, switchOnServiceWorker } from './support'

const h = useBrowser()
failOnPageErrors(h)

/** The customers whose JWTs were sent to the authorization mutation, in the order they arrived. */
const mintedFrom = () =>
  h.sim.log
    .filter((r) => r.operation === 'authorization')
    .map((r) => (decodeUnverified(String(r.variables?.bcToken))!.claims.customer as { id: number }).id)

/** Customer 1 signed in, with a service worker on that has answered the module's current.jwt once. */
async function firstCustomerCached(ignoreSearch: boolean) {
  await h.signIn(1)
  const page = await h.open('/')
  await switchOnServiceWorker(page, { ignoreSearch })
  // Through the worker now: it keeps the answer, customer 1's JWT (15 minutes good).
  expect(customerOf((await getToken(page, { forceRefresh: true })).token)).toBe(1)
  // Customer 1 signs out; customer 2 signs in on the same device.
  await h.signOut()
  await h.signIn(2)
  return h.sim.count('current.jwt')
}

describe('current.jwt behind a cache-first service worker', () => {
  it('keyed by URL: every request has its own, so the next customer gets their own token, minted from their own JWT', async () => {
    const before = await firstCustomerCached(false)
    const page = await h.open('/next')
    const { token } = await getToken(page)
    expect(customerOf(token)).toBe(2)
    expect(mintedFrom().at(-1)).toBe(2)
    expect(h.sim.count('current.jwt')).toBeGreaterThan(before)
    expect((await storedTokens(page)).map((r) => r.customerId)).toEqual(['2'])
  })

  it('matching by path alone: the replayed JWT names another customer than the page, is asked again, and refused as replayed; nothing minted from it', async () => {
    await firstCustomerCached(true)
    const minted = mintedFrom().length
    const page = await h.open('/next')
    const { error } = await getToken(page)
    expect(error?.code).toBe('invalid_jwt')
    expect(error?.message).toMatch(/same JWT twice: a service worker or a cache replays it/)
    // Customer 1's cached JWT was never sent on to be minted for customer 2's page.
    expect(mintedFrom().length).toBe(minted)
    // Nothing stored for this page: only customer 1's token, from before, which no page of
    // customer 2 is served.
    expect((await storedTokens(page)).map((r) => r.customerId)).toEqual(['1'])
    expect(await page.evaluate(() => window.b2bAuth.getB2BStatus().state)).toBe('error')
  })
})
