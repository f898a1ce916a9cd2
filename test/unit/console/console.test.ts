import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ENDPOINT, fakeBackend } from '../support/backend'
import { json } from '../support/fake-fetch'
import { STORE_HASH } from '../support/jwt'
import { sessionContract } from '../../../scripts/mangle-map'

// The console API as a developer meets it: window.b2bAuth of the real entry, whose console tools
// load on first use, over the fake storefront and B2B endpoint.

const ENGINE = Symbol.for('stencil-b2b-auth@' + sessionContract())
const NOW = Date.parse('2026-06-01T12:00:00Z')
const CONSOLE_TOOLS = ['help', 'status', 'refresh', 'clear', 'showBadge', 'hideBadge', 'debug']
/** Anything shaped like a JWT (header and payload of base64url JSON): a token or a customer JWT. */
const JWT_TEXT = /eyJ[\w-]*\.eyJ[\w-]*/

/** A new page view of the same tab: a fresh engine and entry, sessionStorage kept. */
async function newPage() {
  delete (globalThis as Record<symbol, unknown>)[ENGINE]
  delete (window as Partial<Window>).b2bAuth
  vi.resetModules()
  const entry = await import('../../../src/index')
  entry.configure({ graphqlEndpoint: ENDPOINT, storeHash: STORE_HASH, customerId: '7' })
  return window.b2bAuth
}

/** Everything written to the console, by method. */
function captureConsole() {
  const lines: { method: string; args: unknown[] }[] = []
  for (const method of ['log', 'info', 'debug', 'warn', 'error', 'table'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void lines.push({ method, args }))
  }
  const of = (method: string) => lines.filter((line) => line.method === method).map((line) => line.args)
  const text = () => JSON.stringify(lines.map((line) => line.args))
  return { lines, of, text }
}

/** Every token and customer JWT that crossed the fake network edge. */
function secrets(backend: ReturnType<typeof fakeBackend>): string[] {
  const jwts = backend.sent.map((request) => request.body?.variables?.bcToken).filter((jwt): jwt is string => typeof jwt === 'string')
  return [...backend.minted, ...jwts]
}

function expectNoSecret(output: string, backend: ReturnType<typeof fakeBackend>) {
  expect(secrets(backend).length).toBeGreaterThan(0)
  for (const secret of secrets(backend)) expect(output).not.toContain(secret)
  expect(output).not.toMatch(JWT_TEXT)
}

beforeEach(() => {
  sessionStorage.clear()
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(NOW)
})
afterEach(() => {
  vi.useRealTimers()
  history.replaceState(null, '', '/shop/')
})

describe('help()', () => {
  it('prints every function window.b2bAuth offers, the console tools among them, and sends nothing', async () => {
    const backend = fakeBackend()
    const b2bAuth = await newPage()
    const out = captureConsole()
    await b2bAuth.help()
    expect(out.of('info')).toHaveLength(1)
    const text = String(out.of('info')[0]![0])
    expect(Object.keys(b2bAuth)).toEqual(expect.arrayContaining(CONSOLE_TOOLS))
    for (const name of Object.keys(b2bAuth)) expect(text, name).toMatch(new RegExp(`(^|\\W)${name}\\(`, 'm'))
    expect(backend.requests()).toBe(0)
  })
})

describe('status()', () => {
  it('prints the status as one table, with readable times and the fingerprint, never the token', async () => {
    const backend = fakeBackend()
    const b2bAuth = await newPage()
    await b2bAuth.getB2BToken()
    const out = captureConsole()
    await b2bAuth.status()
    const snapshot = b2bAuth.getB2BStatus()
    expect(out.of('table')).toEqual([
      [
        expect.objectContaining({
          state: 'ready',
          customerId: '7',
          storeHash: STORE_HASH,
          fingerprint: snapshot.fingerprint,
          obtainedAt: new Date(NOW).toLocaleString(),
          expiresAt: new Date(snapshot.expiresAt!).toLocaleString(),
          storage: 'indexeddb',
          error: 'none',
        }),
      ],
    ])
    // Readable: a date with its year, not milliseconds since 1970.
    expect(out.of('table')[0]![0]).toMatchObject({ obtainedAt: expect.stringContaining('2026') })
    expectNoSecret(out.text(), backend)
  })

  it('shows the last error as its code and message', async () => {
    const backend = fakeBackend()
    const b2bAuth = await newPage()
    backend.state.mint = () => json({ errors: [{ message: 'The storefront channel is not live', extensions: { code: 40301 } }] })
    const out = captureConsole()
    await expect(b2bAuth.getB2BToken()).rejects.toMatchObject({ code: 'channel_not_live' })
    await b2bAuth.status()
    expect(out.of('table')).toEqual([
      [expect.objectContaining({ state: 'error', error: expect.stringMatching(/^channel_not_live: .*not live/) })],
    ])
    expectNoSecret(out.text(), backend)
  })
})

describe('refresh()', () => {
  it('mints a new token and resolves the status, not the token', async () => {
    const backend = fakeBackend()
    const b2bAuth = await newPage()
    await b2bAuth.getB2BToken()
    const before = b2bAuth.getB2BStatus().fingerprint
    const out = captureConsole()
    const result = await b2bAuth.refresh()
    expect(backend.mints()).toBe(2)
    expect(result).toBe(b2bAuth.getB2BStatus())
    expect(result).toMatchObject({ state: 'ready', customerId: '7' })
    expect(result.fingerprint).not.toBe(before)
    // What the console would echo: the resolved value, and whatever was printed.
    expectNoSecret(JSON.stringify(result) + out.text(), backend)
  })

  it('rejects with the error, whose message has no token either', async () => {
    const backend = fakeBackend()
    const b2bAuth = await newPage()
    await b2bAuth.getB2BToken()
    backend.state.mint = () => json({ errors: [{ message: 'Internal error', extensions: { code: 500 } }] })
    const out = captureConsole()
    const error: unknown = await b2bAuth.refresh().catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'graphql' })
    expectNoSecret(JSON.stringify(error) + String((error as Error).message) + out.text(), backend)
  })
})

describe('debug()', () => {
  it('debug(true) is remembered for the tab: the next page logs each step with its time; debug(false) stops it', async () => {
    const backend = fakeBackend()
    let b2bAuth = await newPage()
    let out = captureConsole()
    await b2bAuth.debug(true)
    expect(sessionStorage.getItem('stencil-b2b-auth:debug')).toBe('1')
    expect(out.of('info')).toEqual([['[b2b-auth] debug on for this tab']])

    b2bAuth = await newPage()
    await b2bAuth.getB2BToken()
    const steps = out.of('debug').map(([line]) => String(line))
    expect(steps).toContainEqual(expect.stringMatching(/^\[b2b-auth\] current\.jwt: customer 7 \(\d+ ms\)$/))
    expect(steps).toContainEqual(expect.stringMatching(/^\[b2b-auth\] authorization: token \S+, expires .* \(\d+ ms\)$/))
    expectNoSecret(out.text(), backend)

    vi.restoreAllMocks()
    out = captureConsole()
    await b2bAuth.debug(false)
    expect(sessionStorage.getItem('stencil-b2b-auth:debug')).toBeNull()
    expect(out.of('info')).toEqual([['[b2b-auth] debug off']])
    await b2bAuth.clear()
    b2bAuth = await newPage()
    await b2bAuth.getB2BToken()
    expect(backend.mints()).toBe(2)
    expect(out.of('debug')).toEqual([])
  })

  it('debug(false) on a page whose URL asks for debug says it ends with the next page', async () => {
    history.replaceState(null, '', '/shop/?b2b-auth-debug=1')
    const b2bAuth = await newPage()
    const out = captureConsole()
    await b2bAuth.debug(false)
    expect(out.of('info')).toEqual([['[b2b-auth] debug off from the next page: this URL has b2b-auth-debug=1']])
  })
})
