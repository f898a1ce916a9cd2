import { beforeEach, describe, expect, it, vi } from 'vitest'
import { fakeBackend } from './support/backend'
import { sessionContract } from '../../scripts/mangle-map'

const ENGINE = Symbol.for('stencil-b2b-auth@' + sessionContract())

// Each test loads the entry afresh, as a new page would.
async function loadEntry() {
  vi.resetModules()
  return import('../../src/index')
}

beforeEach(() => {
  delete (globalThis as Record<symbol, unknown>)[ENGINE]
  delete (window as Partial<Window>).b2bAuth
  document.head.innerHTML = ''
  document.body.innerHTML = ''
})

describe('the public API', () => {
  it('is exactly these named exports', async () => {
    const entry = await loadEntry()
    expect(Object.keys(entry).sort()).toEqual([
      'B2BAuthError',
      'b2bGraphQL',
      'clear',
      'clearB2BToken',
      'configure',
      'debug',
      'getB2BStatus',
      'getB2BToken',
      'help',
      'hideBadge',
      'isB2BAuthError',
      'onB2BTokenChange',
      'refresh',
      'showBadge',
      'signIn',
      'signOut',
      'status',
    ])
  })

  it('puts every public function on window.b2bAuth', async () => {
    const entry = await loadEntry()
    const functions = Object.entries(entry).filter(([name, value]) => typeof value === 'function' && name !== 'B2BAuthError')
    for (const [name, fn] of functions) expect(window.b2bAuth[name as keyof Window['b2bAuth']], name).toBe(fn)
  })

  it('shares one engine, one cache and one flow between two copies of the bundle', async () => {
    const backend = fakeBackend()
    const first = await loadEntry()
    const second = await loadEntry()
    expect(second.getB2BToken).not.toBe(first.getB2BToken)
    const options = { graphqlEndpoint: 'http://127.0.0.1:4200/graphql', customerId: '7' }
    first.configure(options)
    second.configure(options)
    const [a, b] = await Promise.all([first.getB2BToken(), second.getB2BToken()])
    expect(a).toBe(b)
    expect(backend.mints()).toBe(1)
    expect(second.getB2BStatus()).toBe(first.getB2BStatus())
    // The first copy's window.b2bAuth stays: it drives the same engine.
    expect(window.b2bAuth.getB2BToken).toBe(first.getB2BToken)
  })
})

describe('the script tag', () => {
  it('configures the engine from its attributes and starts at once: a guest page sends nothing', async () => {
    const backend = fakeBackend()
    document.head.innerHTML = '<script type="module" src="/dist/stencil-b2b-auth.js" data-customer-id="" data-channel-id="2"></script>'
    const entry = await loadEntry()
    await vi.waitFor(() => expect(entry.getB2BStatus().state).toBe('guest'))
    expect(entry.getB2BStatus().channelId).toBe(2)
    expect(await entry.getB2BToken()).toBeNull()
    expect(backend.requests()).toBe(0)
  })

  it('starts getting the token for a signed-in page without being asked', async () => {
    const backend = fakeBackend()
    document.head.innerHTML =
      '<script type="module" src="/dist/stencil-b2b-auth.js" data-customer-id="7" data-graphql-endpoint="http://127.0.0.1:4200/graphql"></script>'
    const entry = await loadEntry()
    await vi.waitFor(() => expect(entry.getB2BStatus().state).toBe('ready'))
    expect(backend.mints()).toBe(1)
  })

  it('never throws at load on a bad attribute: the error is in the console, the status and each call', async () => {
    const backend = fakeBackend()
    const consoleWarn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    document.head.innerHTML = '<script type="module" src="/dist/stencil-b2b-auth.js" data-channel-id="main"></script>'
    const entry = await loadEntry()
    await vi.waitFor(() => expect(entry.getB2BStatus()).toMatchObject({ state: 'error', error: { code: 'config' } }))
    expect(String(consoleWarn.mock.calls[0])).toContain('data-channel-id')
    await expect(entry.getB2BToken()).rejects.toMatchObject({ code: 'config' })
    expect(backend.requests()).toBe(0)
  })
})
