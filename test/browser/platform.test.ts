import { afterEach, describe, expect, it } from 'vitest'
import { LEGACY_CLIENT_ID, PORTAL_CLIENT_ID } from '../sim'
import { getToken, settled, storedTokens, useBrowser } from './harness'
import { failOnPageErrors, moduleLines, status } from './support'

// The module against the platform as the Buyer Portal and the docs show it: which client id (the
// Portal's production id in bigcommerce/b2b-buyer-portal `apps/storefront/src/shared/service/request/base.ts`,
// the legacy one in bigcommerce/docs `docs/b2b-edition/authentication/hosted-auth.mdx`), and the
// B2B GraphQL API's company refusals.
const h = useBrowser()

failOnPageErrors(h)
afterEach(() => {
  h.sim.options.acceptedClientIds = [PORTAL_CLIENT_ID, LEGACY_CLIENT_ID]
  h.sim.options.refusePendingCompanies = false
})

const askedIds = () => h.sim.log.filter((r) => r.path === '/customer/current.jwt').map((r) => r.query.app_client_id)
const rememberedId = (page: import('playwright-core').Page) =>
  page.evaluate((key) => localStorage.getItem(key), `stencil-b2b-auth:client-id|${h.sim.options.storeHash}`)

describe('which client id, without data-client-id', () => {
  it("a store that accepts the Portal's id (or both): the Portal's id, one current.jwt, one mint", async () => {
    for (const accepted of [[PORTAL_CLIENT_ID], [PORTAL_CLIENT_ID, LEGACY_CLIENT_ID]]) {
      h.sim.reset()
      h.sim.options.acceptedClientIds = accepted
      const context = await h.newContext()
      await h.signIn(1, context)
      const page = await h.open('/', {}, context)
      expect((await getToken(page)).token).toBe(h.sim.issuedTokens[0])
      expect(askedIds()).toEqual([PORTAL_CLIENT_ID])
      expect(h.sim.count('authorization')).toBe(1)
    }
  })

  it('a store that accepts only the legacy id: refused once, the legacy id then, remembered so the next cold page pays nothing extra', async () => {
    h.sim.options.acceptedClientIds = [LEGACY_CLIENT_ID]
    await h.signIn(1)
    const page = await h.open('/')
    expect((await getToken(page)).token).toBe(h.sim.issuedTokens[0])
    expect(askedIds()).toEqual([PORTAL_CLIENT_ID, LEGACY_CLIENT_ID])
    expect(h.sim.count('authorization')).toBe(2)
    expect(h.sim.log.filter((r) => r.operation === 'authorization').map((r) => r.status)).toEqual([200, 200])
    expect(await rememberedId(page)).toBe(LEGACY_CLIENT_ID)

    // A cold page (no token stored) in the same browser: the legacy id at once.
    await page.evaluate(() => window.b2bAuth.clearB2BToken())
    h.sim.log.length = 0
    const next = await h.open('/next')
    expect((await getToken(next)).token).toBe(h.sim.issuedTokens[1])
    expect(askedIds()).toEqual([LEGACY_CLIENT_ID])
    expect(h.sim.count('authorization')).toBe(1)
  })

  it("a store whose id moves back to the Portal's: the remembered legacy id is refused once, then the Portal's is remembered", async () => {
    h.sim.options.acceptedClientIds = [LEGACY_CLIENT_ID]
    await h.signIn(1)
    const page = await h.open('/')
    await getToken(page)
    h.sim.options.acceptedClientIds = [PORTAL_CLIENT_ID]
    await page.evaluate(() => window.b2bAuth.clearB2BToken())
    h.sim.log.length = 0
    const next = await h.open('/next')
    expect((await getToken(next)).token).toBeTruthy()
    expect(askedIds()).toEqual([LEGACY_CLIENT_ID, PORTAL_CLIENT_ID])
    expect(await rememberedId(next)).toBe(PORTAL_CLIENT_ID)
  })

  it("a store that accepts neither: a client_id error naming data-client-id, the API's error kept, no token, one console line", async () => {
    h.sim.options.acceptedClientIds = []
    await h.signIn(1)
    const page = await h.open('/')
    expect(await settled(page)).toBe('error')
    const current = await status(page)
    expect(current.error?.code).toBe('client_id')
    expect(current.error?.message).toContain('data-client-id')
    expect(current.error?.message).toContain('Signature verification failed')
    expect(askedIds()).toEqual([PORTAL_CLIENT_ID, LEGACY_CLIENT_ID])
    expect(moduleLines(h)).toEqual([`[b2b-auth] client_id: ${current.error?.message}`])
    const rejection = await page.evaluate(() =>
      window.b2bAuth.getB2BToken().catch((e: { code: string; graphqlCode?: unknown }) => ({ code: e.code, graphqlCode: e.graphqlCode })),
    )
    expect(rejection).toEqual({ code: 'client_id', graphqlCode: 401 })
    expect(await storedTokens(page)).toEqual([])
  })
})

describe('with data-client-id', () => {
  it('no fallback: the id given, once, and its refusal as client_id', async () => {
    h.sim.options.acceptedClientIds = [PORTAL_CLIENT_ID]
    await h.signIn(1)
    const page = await h.open('/', { attributes: { 'data-client-id': LEGACY_CLIENT_ID } })
    expect(await settled(page)).toBe('error')
    expect((await status(page)).error?.code).toBe('client_id')
    expect(askedIds()).toEqual([LEGACY_CLIENT_ID])
    expect(h.sim.count('authorization')).toBe(1)
  })

  it('the id given is used even where another was remembered', async () => {
    h.sim.options.acceptedClientIds = [LEGACY_CLIENT_ID]
    await h.signIn(1)
    const page = await h.open('/')
    await getToken(page)
    await page.evaluate(() => window.b2bAuth.clearB2BToken())
    h.sim.options.acceptedClientIds = [PORTAL_CLIENT_ID, LEGACY_CLIENT_ID]
    h.sim.log.length = 0
    const next = await h.open('/next', { attributes: { 'data-client-id': PORTAL_CLIENT_ID } })
    expect((await getToken(next)).token).toBeTruthy()
    expect(askedIds()).toEqual([PORTAL_CLIENT_ID])
  })
})

describe('a wrong client id never looks like a guest', () => {
  it('the tag says a customer, current.jwt says nobody (for either id): an error naming data-client-id, one console line, no token, nothing stored', async () => {
    // No session on the storefront: what a wrong client id looks like too (assumption A1 of test/sim/assumptions.ts).
    const page = await h.open('/rendered-for-1', { attributes: { 'data-customer-id': '1' } })
    expect(await settled(page)).toBe('error')
    const current = await status(page)
    expect(current.error?.code).toBe('client_id')
    expect(current.error?.message).toContain('data-client-id')
    expect(current.error?.message).toContain('customer 1')
    expect(askedIds()).toEqual([PORTAL_CLIENT_ID, LEGACY_CLIENT_ID])
    expect(h.sim.count('graphql')).toBe(0)
    expect(moduleLines(h)).toEqual([`[b2b-auth] client_id: ${current.error?.message}`])
    expect(await storedTokens(page)).toEqual([])
    const { error, token } = await getToken(page)
    expect(token).toBeUndefined()
    expect(error?.code).toBe('client_id')
  })

  it('no cooldown after it: a shopper who signs in at once gets a token on the next call', async () => {
    const page = await h.open('/rendered-for-1', { attributes: { 'data-customer-id': '1' } })
    expect(await settled(page)).toBe('error')
    await h.signIn(1)
    expect((await getToken(page)).token).toBe(h.sim.issuedTokens[0])
  })

  it('a page that does not say (no data-customer-id) and hears nobody: a guest, as before', async () => {
    const page = await h.open('/', { hint: false })
    expect(await settled(page)).toBe('guest')
    expect(await getToken(page)).toEqual({ token: null })
    // Only the Portal's id, never the legacy fallback. (A page that does not say whose it is asks
    // current.jwt again on a call after its first flow ended as a guest: one ask or two by timing.)
    expect(new Set(askedIds())).toEqual(new Set([PORTAL_CLIENT_ID]))
  })
})

// The B2B GraphQL API itself refuses a pending company (under a store setting) and an inactive one;
// the Buyer Portal maps them by message (bigcommerce/b2b-buyer-portal `apps/storefront/src/utils/companyUtils.ts`).
describe("the authorization mutation's company refusals", () => {
  it.each([
    ['a pending company, under the store setting', 3, 'company_pending', 'pending approval'],
    ['an inactive company', 5, 'company_inactive', 'business account is inactive'],
  ])("%s: its own code, the API's message, one request, no retry, nothing stored", async (_, customerId, code, words) => {
    h.sim.options.refusePendingCompanies = true
    await h.signIn(customerId)
    const page = await h.open('/')
    expect(await settled(page)).toBe('error')
    const { error } = await getToken(page)
    expect(error?.code).toBe(code)
    expect(error?.message).toContain(words)
    // Neither retried nor tried with the other client id: only the merchant can change it.
    expect(h.sim.count('authorization')).toBe(1)
    expect(askedIds()).toEqual([PORTAL_CLIENT_ID])
    expect(await storedTokens(page)).toEqual([])
  })

  it('a pending company without the store setting is let in: a token', async () => {
    await h.signIn(3)
    const page = await h.open('/')
    expect((await getToken(page)).token).toBe(h.sim.issuedTokens[0])
  })
})
