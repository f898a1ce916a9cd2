import { buildSchema, parse, validate } from 'graphql'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { PORTAL_WAIT_MS, portalToken, portalTokenFor, WHOSE_TOKEN_QUERY } from '../../src/buyer-portal'
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

describe('portalToken', () => {
  it('is undefined where the Buyer Portal does not run', async () => {
    expect(await portalToken(undefined)).toBeUndefined()
  })

  it("takes the Portal's token", async () => {
    portal(() => 'portal-token')
    expect(await portalToken(undefined)).toBe('portal-token')
  })

  it('waits for the Portal to finish its own sign-in rather than racing it', async () => {
    vi.useFakeTimers()
    let ready = false
    portal(() => (ready ? 'portal-token' : ''))
    const pending = portalToken(undefined)
    await vi.advanceTimersByTimeAsync(1_000)
    ready = true
    await vi.advanceTimersByTimeAsync(200)
    expect(await pending).toBe('portal-token')
  })

  it('gives up after a few seconds, and never offers the token being replaced', async () => {
    vi.useFakeTimers()
    portal(() => '')
    const pending = portalToken(undefined)
    await vi.advanceTimersByTimeAsync(3_400)
    expect(await pending).toBeUndefined()
    portal(() => 'rejected-token')
    expect(await portalToken('rejected-token')).toBeUndefined()
  })

  it("waits for the Portal's utils when only its install script has run (window.B3)", async () => {
    vi.useFakeTimers()
    installScript()
    const pending = portalToken(undefined)
    await vi.advanceTimersByTimeAsync(600)
    portal(() => 'portal-token')
    await vi.advanceTimersByTimeAsync(200)
    expect(await pending).toBe('portal-token')
  })

  it('gives up after PORTAL_WAIT_MS when window.B3 is set but the Portal never appears', async () => {
    vi.useFakeTimers()
    installScript()
    let answer: string | undefined = 'not yet'
    void portalToken(undefined).then((token) => (answer = token))
    await vi.advanceTimersByTimeAsync(PORTAL_WAIT_MS - 200)
    expect(answer).toBe('not yet')
    await vi.advanceTimersByTimeAsync(400)
    expect(answer).toBeUndefined()
  })

  it('window.B3 without a setting is not the Portal: no wait', async () => {
    ;(window as unknown as { B3?: unknown }).B3 = {}
    expect(await portalToken(undefined)).toBeUndefined()
  })

  it('is undefined when the Portal throws', async () => {
    portal(() => {
      throw new Error('portal bug')
    })
    expect(await portalToken(undefined)).toBeUndefined()
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

  it('never waits on a Portal whose getB2BToken() never settles longer than the wait', async () => {
    vi.useFakeTimers()
    portal(() => new Promise(() => {}))
    const token = portalToken(undefined)
    await vi.advanceTimersByTimeAsync(PORTAL_WAIT_MS + 500)
    expect(await token).toBeUndefined()
  })
})
