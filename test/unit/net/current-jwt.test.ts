import { describe, expect, it } from 'vitest'
import { parseConfig } from '../../../src/core/config'
import { checkConfig } from '../../../src/net/checked-config'
import { askAgain, fetchCurrentJwt, MAX_JWT_AGE_MS } from '../../../src/net/current-jwt'
import { CLIENT_ID, customerJwt, makeJwt, STORE_HASH } from '../support/jwt'
import { fakeFetch, json, text } from '../support/fake-fetch'
import { failure } from '../support/rejection'

const config = (input = {}) => checkConfig(parseConfig({ storeHash: STORE_HASH, ...input }))

describe('fetchCurrentJwt', () => {
  it('asks the page origin with the client id, the session cookie, and never the HTTP cache', async () => {
    const jwt = customerJwt(42)
    const { sent } = fakeFetch(() => text(jwt))
    const customer = await fetchCurrentJwt(config())
    const iat = JSON.parse(atob(jwt.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))).iat
    expect(customer).toEqual({ jwt, customerId: '42', email: 'c42@example.com', storeHash: STORE_HASH, clockOffset: 0, old: false, iat })
    expect(sent).toHaveLength(1)
    const request = sent[0]!
    expect(request.url.origin).toBe(location.origin)
    expect(request.url.pathname).toBe('/customer/current.jwt')
    expect(request.url.searchParams.get('app_client_id')).toBe(CLIENT_ID)
    expect(request.credentials).toBe('same-origin')
    expect(request.cache).toBe('no-store')
  })

  it('gives every request a parameter of its own, so that no cache keyed by URL can replay an answer', async () => {
    const { sent } = fakeFetch(() => text(customerJwt(42)))
    await fetchCurrentJwt(config())
    await fetchCurrentJwt(config())
    const [a, b] = sent.map((request) => request.url.searchParams.get('_'))
    expect(a).toMatch(/^[a-z0-9]{6,}$/)
    expect(b).toMatch(/^[a-z0-9]{6,}$/)
    expect(a).not.toBe(b)
  })

  it('marks a JWT issued plainly before it arrived (by the later of its Date header and the local clock) as old', async () => {
    const now = Math.floor(Date.now() / 1000)
    const date = { date: new Date(now * 1000).toUTCString() }
    const age = MAX_JWT_AGE_MS / 1000
    fakeFetch(() => text(customerJwt(1, { iat: now - age - 5, exp: now + 60 }), 200, date))
    expect((await fetchCurrentJwt(config()))?.old).toBe(true)
    fakeFetch(() => text(customerJwt(1, { iat: now - 5, exp: now + 600 }), 200, date))
    expect((await fetchCurrentJwt(config()))?.old).toBe(false)
    // A replay keeps the Date it was cached with: the local clock tells it old all the same.
    const cached = { date: new Date((now - age - 5) * 1000).toUTCString() }
    fakeFetch(() => text(customerJwt(1, { iat: now - age - 5, exp: now + 60 }), 200, cached))
    expect((await fetchCurrentJwt(config()))?.old).toBe(true)
    // (So a device clock minutes fast reads every JWT as old: one more request, then the new JWT.)
  })

  it('askAgain(): a second answer, a second later; the very same JWT again is refused as replayed', async () => {
    const jwt = customerJwt(8)
    fakeFetch(() => text(jwt))
    const first = (await fetchCurrentJwt(config()))!
    const error = await failure(askAgain(config(), first))
    expect(error.code).toBe('invalid_jwt')
    expect(error.message).toMatch(/same JWT twice: a service worker or a cache replays it/)
    expect(error.message).not.toContain(jwt.split('.')[1]!)
    // A live storefront issues a new one (its iat has moved on): that one is the answer.
    const { sent } = fakeFetch(() => text(customerJwt(8)))
    const again = await askAgain(config(), first)
    expect(again?.customerId).toBe('8')
    expect(again?.jwt).not.toBe(first.jwt)
    expect(sent).toHaveLength(1)
  })

  it('askAgain(): an old second answer must be newer than the first: a cache holding several old JWTs is refused too', async () => {
    const now = Math.floor(Date.now() / 1000)
    const age = MAX_JWT_AGE_MS / 1000
    fakeFetch(() => text(customerJwt(8, { iat: now - age - 60, exp: now + 60 })))
    const first = (await fetchCurrentJwt(config()))!
    expect(first.old).toBe(true)
    // Another cached JWT, as old or older: not what a live storefront answers a second later.
    fakeFetch(() => text(customerJwt(8, { iat: now - age - 90, exp: now + 60 })))
    const error = await failure(askAgain(config(), first))
    expect(error.code).toBe('invalid_jwt')
    expect(error.message).toMatch(/answered an old JWT twice: a service worker or a cache replays it/)
    // A device clock minutes fast makes the new JWT look old too, but its iat has moved on: taken.
    fakeFetch(() => text(customerJwt(8, { iat: now - age - 58, exp: now + 60 })))
    expect((await askAgain(config(), first))?.customerId).toBe('8')
  })

  it('reads a JSON body {"token": ...} as well as the raw JWT', async () => {
    const jwt = customerJwt(7)
    fakeFetch(() => json({ token: jwt }))
    expect((await fetchCurrentJwt(config()))?.customerId).toBe('7')
  })

  it('sends the configured client id', async () => {
    const { sent } = fakeFetch(() => text(customerJwt(1, { aud: 'qxvapwlk4fbb9dyogdcxk9o50d9jqjo' })))
    await fetchCurrentJwt(config({ clientId: 'qxvapwlk4fbb9dyogdcxk9o50d9jqjo' }))
    expect(sent[0]!.url.searchParams.get('app_client_id')).toBe('qxvapwlk4fbb9dyogdcxk9o50d9jqjo')
  })

  it('reads 404, or a 4xx error body, as "no customer signed in"', async () => {
    fakeFetch(() => json({ errors: [{ status: 404, title: 'Not found' }] }, 404))
    expect(await fetchCurrentJwt(config())).toBeNull()
    fakeFetch(() => text('', 404))
    expect(await fetchCurrentJwt(config())).toBeNull()
    fakeFetch(() => json({ errors: [{ title: 'Unauthorized' }] }, 401))
    expect(await fetchCurrentJwt(config())).toBeNull()
  })

  it('does not read an outage as a sign-out', async () => {
    fakeFetch(() => json({ errors: [{ title: 'Service Unavailable' }] }, 503))
    const error = await failure(fetchCurrentJwt(config()))
    expect(error.code).toBe('http')
    expect(error.status).toBe(503)
  })

  it.each([
    [429, { 'retry-after': '0' }, 3],
    [408, {}, 1],
  ])('does not read a %i with an error body as a sign-out: it is a failure, retried as any', async (status, headers, sent) => {
    const edge = fakeFetch(() => json({ errors: [{ status, title: 'Too many requests' }] }, status, headers))
    const error = await failure(fetchCurrentJwt(config()))
    expect(error.code).toBe('http')
    expect(error.status).toBe(status)
    // 429 is retried after its Retry-After; 408, a 4xx, is not.
    expect(edge.sent).toHaveLength(sent)
  })

  it('refuses an HTML page answered with 200 (a login redirect, maintenance mode)', async () => {
    fakeFetch(() => new Response('<!doctype html><title>Sign in</title>', { headers: { 'content-type': 'text/html' } }))
    expect((await failure(fetchCurrentJwt(config()))).code).toBe('html_response')
  })

  it.each([
    ['a string that is not a JWT', 'hello'],
    ['JSON without a token', '{"ok":true}'],
    ['JSON that does not parse', '{"token":'],
    ['a JWT without a customer', makeJwt({ aud: CLIENT_ID })],
    ['a JWT whose customer id is not a number', makeJwt({ customer: { id: 'x' }, aud: CLIENT_ID })],
  ])('refuses %s as invalid_jwt', async (_, body) => {
    fakeFetch(() => text(body))
    const error = await failure(fetchCurrentJwt(config()))
    expect(error.code).toBe('invalid_jwt')
  })

  it('refuses a JWT issued for another app client id, saying what to change', async () => {
    fakeFetch(() => text(customerJwt(1, { aud: 'someotherclientid' })))
    const error = await failure(fetchCurrentJwt(config()))
    expect(error.code).toBe('jwt_audience')
    expect(error.message).toContain('data-client-id')
  })

  it('refuses a JWT of another store when data-store-hash is set', async () => {
    fakeFetch(() => text(customerJwt(1, { store_hash: 'zzz999' })))
    const error = await failure(fetchCurrentJwt(config()))
    expect(error.code).toBe('jwt_store')
    expect(error.message).toContain('data-store-hash')
    // Without a configured store hash, any store is fine.
    expect((await fetchCurrentJwt(checkConfig(parseConfig({}))))?.storeHash).toBe('zzz999')
  })

  it('refuses a JWT that had expired by the storefront clock', async () => {
    const now = Math.floor(Date.now() / 1000)
    fakeFetch(() => text(customerJwt(1, { iat: now - 1000, exp: now - 100 })))
    expect((await failure(fetchCurrentJwt(config()))).code).toBe('jwt_expired')
  })

  it('judges expiry and clock skew by the storefront Date header when the local clock is wrong', async () => {
    const now = Math.floor(Date.now() / 1000)
    // The local clock is an hour fast: the JWT looks expired locally but is fresh for the server.
    const serverDate = new Date((now - 3600) * 1000).toUTCString()
    fakeFetch(() => text(customerJwt(1, { iat: now - 3600, exp: now - 3600 + 900 }), 200, { date: serverDate }))
    const customer = await fetchCurrentJwt(config())
    expect(customer?.clockOffset).toBeLessThan(-3_590_000)
    expect(customer?.clockOffset).toBeGreaterThan(-3_610_000)
  })

  it('refuses an oversized body without reading it all', async () => {
    fakeFetch(() => text('x'.repeat(200_000)))
    expect((await failure(fetchCurrentJwt(config()))).code).toBe('too_large')
  })

  it('maps a network failure and a timeout to their codes', async () => {
    fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')))
    expect((await failure(fetchCurrentJwt(config()))).code).toBe('network')
    fakeFetch(() => new Promise<Response>(() => {}))
    expect((await failure(fetchCurrentJwt(config({ timeoutMs: 20 })))).code).toBe('timeout')
  })

  it('never puts the JWT text in an error message', async () => {
    const jwt = customerJwt(1, { aud: 'someotherclientid' })
    fakeFetch(() => text(jwt))
    const error = await failure(fetchCurrentJwt(config()))
    expect(error.message).not.toContain(jwt.split('.')[1]!)
  })
})
