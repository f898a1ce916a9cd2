import { describe, expect, it } from 'vitest'
import { PORTAL_CLIENT_ID } from '../sim'
import { useBrowser } from './harness'
import { controlledByServiceWorker, failOnPageErrors, switchOffServiceWorker, switchOnServiceWorker } from './support'

const h = useBrowser()
failOnPageErrors(h)

/** The storefront's current.jwt requests of this test's own URL (the module's carry a parameter `_`). */
const asked = () => h.sim.log.filter((r) => r.path === '/customer/current.jwt' && !('_' in r.query)).length

/** current.jwt fetched by the page with a URL of its own, as the module did before it added a parameter of its own to each request (cache: 'no-store'): the customer it names. */
const whoseJwt = (page: Parameters<typeof switchOnServiceWorker>[0]) =>
  page.evaluate(async (id) => {
    const answer = await fetch(`/customer/current.jwt?app_client_id=${id}`, { credentials: 'same-origin', cache: 'no-store' })
    if (answer.status !== 200) return answer.status
    const claims = JSON.parse(atob((await answer.text()).split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')))
    return claims.customer.id as number
  }, PORTAL_CLIENT_ID)

describe("the simulator's cache-first service worker (test/sim/service-worker.ts)", () => {
  it('replays current.jwt whatever the cache mode, to the next customer too, until it is switched off', async () => {
    await h.signIn(1)
    const page = await h.open('/sw-page', { hint: false })
    await switchOnServiceWorker(page)
    expect(await controlledByServiceWorker(page)).toBe(true)
    const before = asked()
    expect(await whoseJwt(page)).toBe(1)
    expect(await whoseJwt(page)).toBe(1)
    // One more request reached the storefront: the second answer came from the worker's cache.
    expect(asked()).toBe(before + 1)

    // Another customer, a new page: still controlled, still customer 1's JWT, nothing sent.
    await h.signOut()
    await h.signIn(2)
    const next = await h.open('/sw-next', { hint: false })
    expect(await controlledByServiceWorker(next)).toBe(true)
    expect(await whoseJwt(next)).toBe(1)
    expect(asked()).toBe(before + 1)
    // The page itself (a navigation) is rendered for the live session.
    expect(await next.evaluate(() => document.querySelector('script[type=module]')?.hasAttribute('data-customer-id'))).toBe(false)

    await switchOffServiceWorker(next)
    await next.reload()
    expect(await controlledByServiceWorker(next)).toBe(false)
    expect(await whoseJwt(next)).toBe(2)
  })
})
