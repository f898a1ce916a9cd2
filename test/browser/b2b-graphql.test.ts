import { describe, expect, it } from 'vitest'
import { getToken, settled, useBrowser } from './harness'

const h = useBrowser()

const WHO_AM_I = '{ customerInfo { userType userInfo { id email role } } }'

/** b2bGraphQL() in the page; a rejection comes back as { code, graphqlCode, errors }. */
function b2bGraphQL(page: import('playwright-core').Page, query: string, variables?: Record<string, unknown>) {
  return page.evaluate(
    async ([q, v]) => {
      try {
        return { data: await window.b2bAuth.b2bGraphQL(q as string, v as Record<string, unknown> | undefined) }
      } catch (error) {
        const e = error as { code?: string; graphqlCode?: unknown; errors?: unknown; message?: string }
        return { error: { code: e.code, graphqlCode: e.graphqlCode, errors: e.errors, message: e.message } }
      }
    },
    [query, variables] as const,
  )
}

const sent = (operation: string) => h.sim.log.filter((r) => r.server === 'b2b' && r.method === 'POST' && r.operation === operation)

describe('b2bGraphQL()', () => {
  it("sends the theme's document with the shopper's token and returns data", async () => {
    await h.signIn(1)
    const page = await h.open('/')
    const { data } = await b2bGraphQL(page, WHO_AM_I)
    expect(data).toEqual({ customerInfo: { userType: 3, userInfo: { id: 1001, email: expect.any(String), role: 0 } } })
    const [request] = sent('customerInfo')
    expect(request?.headers.authorization).toBe(`Bearer ${h.sim.issuedTokens[0]}`)
    expect(request?.headers.cookie).toBeUndefined()
  })

  it('gives up after one retry when the new token is refused too', async () => {
    await h.signIn(1)
    const page = await h.open('/')
    await getToken(page)
    h.sim.fault('customerInfo', { status: 200, body: '{"errors":[{"message":"Token has expired","extensions":{"code":40101}}]}' }, Infinity)
    const { error } = await b2bGraphQL(page, WHO_AM_I)
    expect(error).toMatchObject({ code: 'graphql', graphqlCode: 40101 })
    expect(sent('customerInfo')).toHaveLength(2)
    expect(h.sim.count('authorization')).toBe(2)
  })

  it.each([
    ['a bare HTTP 401 (no JSON)', { status: 401, body: 'Unauthorized', contentType: 'text/plain' }],
    ['a JSON HTTP 401', { status: 401, body: '{"errors":[{"message":"Invalid token","extensions":{"code":401}}]}' }],
    ['a JSON HTTP 401 without errors', { status: 401, body: '{"message":"Unauthorized"}' }],
  ])('on %s mints a new token once and retries once', async (_, fault) => {
    await h.signIn(1)
    const page = await h.open('/')
    await getToken(page)
    const before = h.sim.count('graphql')
    const jwtBefore = h.sim.count('current.jwt')
    h.sim.fault('customerInfo', fault)
    const { data } = await b2bGraphQL(page, WHO_AM_I)
    expect(data).toMatchObject({ customerInfo: { userType: 3 } })
    expect(h.sim.count('authorization')).toBe(2)
    const [refused, retried] = sent('customerInfo')
    expect(sent('customerInfo')).toHaveLength(2)
    expect(refused?.status).toBe(401)
    expect(refused?.headers.authorization).toBe(`Bearer ${h.sim.issuedTokens[0]}`)
    expect(retried?.headers.authorization).toBe(`Bearer ${h.sim.issuedTokens[1]}`)
    // The refused query, one mint (after one current.jwt), the retried query: nothing more.
    expect(h.sim.count('graphql') - before).toBe(3)
    expect(h.sim.count('current.jwt') - jwtBefore).toBe(1)
    expect((await getToken(page)).token).toBe(h.sim.issuedTokens[1])
  })

  it('gives up after one retry when the new token gets HTTP 401 too', async () => {
    await h.signIn(1)
    const page = await h.open('/')
    await getToken(page)
    h.sim.fault('customerInfo', { status: 401, body: 'Unauthorized', contentType: 'text/plain' }, Infinity)
    const { error } = await b2bGraphQL(page, WHO_AM_I)
    expect(error).toMatchObject({ code: 'http' })
    expect(sent('customerInfo')).toHaveLength(2)
    expect(h.sim.count('authorization')).toBe(2)
  })

  it('rejects for a guest with its own code, sending nothing', async () => {
    const page = await h.open('/')
    expect(await settled(page)).toBe('guest')
    const { error } = await b2bGraphQL(page, WHO_AM_I)
    expect(error?.code).toBe('guest')
    expect(h.sim.count('graphql')).toBe(0)
  })

  it('carries the GraphQL errors of the answer', async () => {
    await h.signIn(1)
    const page = await h.open('/')
    const { error } = await b2bGraphQL(page, '{ userCompany(userId: 999) { id companyName } }')
    expect(error?.code).toBe('graphql')
    expect(error?.errors).toEqual([{ message: 'Permission denied', code: 403 }])
    expect(error?.graphqlCode).toBe(403)
  })

  it('retries a query after a 5xx, never a mutation', async () => {
    await h.signIn(1)
    const page = await h.open('/')
    await getToken(page)
    h.sim.fault('customerInfo', { status: 503, body: 'busy' })
    expect((await b2bGraphQL(page, WHO_AM_I)).data).toBeDefined()
    expect(sent('customerInfo')).toHaveLength(2)

    h.sim.fault('graphql', { status: 503, body: 'busy' })
    const before = h.sim.count('graphql')
    const { error } = await b2bGraphQL(page, 'mutation { logout { result } }')
    expect(error).toMatchObject({ code: 'http' })
    expect(h.sim.count('graphql')).toBe(before + 1)
  })
})

describe('classic scripts that run before the module', () => {
  it('queue a callback on window.b2bAuthReady and get window.b2bAuth once it has loaded', async () => {
    await h.signIn(1)
    await h.context.addInitScript(() => {
      const w = window as unknown as { queued: Promise<string | null>; b2bAuthReady: unknown[] }
      // As a theme's classic script would, before the module tag has even been parsed.
      w.queued = new Promise((resolve) => {
        ;(w.b2bAuthReady = w.b2bAuthReady || []).push((b2bAuth: typeof window.b2bAuth) => resolve(b2bAuth.getB2BToken()))
      })
    })
    const page = await h.open('/')
    const token = await page.evaluate(() => (window as unknown as { queued: Promise<string | null> }).queued)
    expect(token).toBe(h.sim.issuedTokens[0])
    // After the load, a pushed callback runs at once.
    const late = await page.evaluate(
      () => new Promise((resolve) => window.b2bAuthReady.push((b2bAuth) => resolve(typeof b2bAuth.getB2BToken))),
    )
    expect(late).toBe('function')
    expect(h.sim.count('authorization')).toBe(1)
  })
})
