import { buildSchema, parse, validate } from 'graphql'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { followPortal, portalTokenFor, WHOSE_TOKEN_QUERY } from '../../src/buyer-portal'
import type { Settings } from '../../src/settings'

const portal = (getB2BToken: () => unknown) => {
  ;(window as unknown as { b2b?: unknown }).b2b = { utils: { user: { getB2BToken } } }
}

/** The Portal's inline install script: window.B3 at once, long before its bundle has loaded. */
const installScript = () => {
  ;(window as unknown as { B3?: unknown }).B3 = { setting: { store_hash: 'abc123', channel_id: 1, platform: 'bigcommerce' } }
}

afterEach(() => {
  delete (window as unknown as { b2b?: unknown }).b2b
  delete (window as unknown as { B3?: unknown }).B3
  vi.useRealTimers()
})

describe('the Portal is never waited for', () => {
  const settings = { graphqlEndpoint: 'https://api-b2b.example/graphql', timeoutMs: 1000 } as Settings
  afterEach(() => vi.unstubAllGlobals())

  it('no Portal, a Portal still starting (window.B3 only), or one holding no token yet: nothing asked, at once', async () => {
    vi.stubGlobal('fetch', vi.fn())
    expect(await portalTokenFor(settings, 'ada.buyer@example.com', undefined)).toBeUndefined()
    installScript()
    expect(await portalTokenFor(settings, 'ada.buyer@example.com', undefined)).toBeUndefined()
    portal(() => '')
    expect(await portalTokenFor(settings, 'ada.buyer@example.com', undefined)).toBeUndefined()
    expect(fetch).not.toHaveBeenCalled()
  })

  it('a Portal that throws, answers a promise, or offers the token being replaced: not taken, nothing asked', async () => {
    vi.stubGlobal('fetch', vi.fn())
    portal(() => {
      throw new Error('portal bug')
    })
    expect(await portalTokenFor(settings, 'ada.buyer@example.com', undefined)).toBeUndefined()
    portal(() => new Promise(() => {}))
    expect(await portalTokenFor(settings, 'ada.buyer@example.com', undefined)).toBeUndefined()
    portal(() => 'rejected-token')
    expect(await portalTokenFor(settings, 'ada.buyer@example.com', 'rejected-token')).toBeUndefined()
    expect(fetch).not.toHaveBeenCalled()
  })
})

describe("the Portal's sign-out is followed", () => {
  it('listens for on-logout once the Portal has mounted, looking again while only window.B3 is there', async () => {
    vi.useFakeTimers()
    installScript()
    const onLogout = vi.fn()
    followPortal(onLogout)
    const listeners: (() => void)[] = []
    ;(window as unknown as { b2b?: unknown }).b2b = { callbacks: { addEventListener: (event: string, cb: () => void) => event === 'on-logout' && listeners.push(cb) } }
    await vi.advanceTimersByTimeAsync(1000)
    followPortal(onLogout)
    expect(listeners).toHaveLength(1)
    listeners[0]!()
    expect(onLogout).toHaveBeenCalledTimes(1)
  })
})

describe("the Portal's token is checked to be the customer's", () => {
  const schema = buildSchema(readFileSync(join(import.meta.dirname, '../sim/b2b-full-schema.graphql'), 'utf8'))
  const settings = { graphqlEndpoint: 'https://api-b2b.example/graphql', timeoutMs: 1000 } as Settings
  const answering = (email: unknown) =>
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ data: { customerInfo: { userInfo: { email } } } }), { headers: { 'content-type': 'application/json' } })))

  afterEach(() => vi.unstubAllGlobals())

  it('asks with a document valid against the B2B Edition schema', () => {
    expect(validate(schema, parse(WHOSE_TOKEN_QUERY))).toEqual([])
  })

  it("takes it when the B2B API says it is the JWT's customer's (emails compared without case)", async () => {
    portal(() => 'portal-token')
    answering('Ada.Buyer@example.com')
    expect(await portalTokenFor(settings, 'ada.buyer@example.com', undefined)).toBe('portal-token')
    const [url, init] = vi.mocked(fetch).mock.calls[0]!
    expect(url).toBe(settings.graphqlEndpoint)
    expect(new Headers(init?.headers).get('authorization')).toBe('Bearer portal-token')
  })

  it("leaves it when it is another customer's, the API refuses it, or the JWT has no email", async () => {
    portal(() => 'portal-token')
    answering('someone.else@example.com')
    expect(await portalTokenFor(settings, 'ada.buyer@example.com', undefined)).toBeUndefined()
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ errors: [{ message: 'Token has expired', extensions: { code: 40101 } }] }), { status: 200 })))
    expect(await portalTokenFor(settings, 'ada.buyer@example.com', undefined)).toBeUndefined()
    answering('ada.buyer@example.com')
    expect(await portalTokenFor(settings, undefined, undefined)).toBeUndefined()
    expect(fetch).not.toHaveBeenCalled()
  })
})
