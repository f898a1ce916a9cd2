import { describe, expect, it, vi } from 'vitest'
import type { B2BAuthStatus } from '../../../src/core/contract'
import { SCHEMA_VERSION } from '../../../src/core/token-record'
import { ENDPOINT, fakeBackend, tokenCustomer } from '../support/backend'
import { STORE_HASH } from '../support/jwt'
import { session, storeToken, stored } from '../support/engine'
import { createSession } from '../../../src/entry/session'
import { createTokenStore } from '../../../src/entry/token-store'
import { failure } from '../support/rejection'

describe('getToken', () => {
  it('on a cold start asks current.jwt once, mints once, and stores the token', async () => {
    const backend = fakeBackend()
    const s = session({ customerId: '7' })
    const token = await s.getToken()
    expect(tokenCustomer(token)).toBe(7)
    expect(backend.jwtRequests()).toBe(1)
    expect(backend.mints()).toBe(1)
    const [record] = await stored()
    expect(record).toMatchObject({ v: SCHEMA_VERSION, token, customerId: '7', storeHash: STORE_HASH, channelId: 1 })
    expect(s.getStatus()).toMatchObject({ state: 'ready', customerId: '7', channelId: 1, storage: 'indexeddb', error: null })
    expect(s.getStatus().expiresAt! - s.getStatus().obtainedAt!).toBe(86_400_000)
  })

  it('serves a second call from memory with no request', async () => {
    const backend = fakeBackend()
    const s = session({ customerId: '7' })
    const first = await s.getToken()
    expect(await s.getToken()).toBe(first)
    expect(backend.requests()).toBe(2)
  })

  it('serves the next page view (a new engine) from IndexedDB with no request when the customer id is known', async () => {
    fakeBackend()
    const first = await session({ customerId: '7' }).getToken()
    const backend = fakeBackend()
    expect(await session({ customerId: '7' }).getToken()).toBe(first)
    expect(backend.requests()).toBe(0)
  })

  it('without a customer id asks current.jwt, then uses the cached token for that customer: no mint', async () => {
    fakeBackend()
    const first = await session({ customerId: '7' }).getToken()
    const backend = fakeBackend()
    expect(await session().getToken()).toBe(first)
    expect(backend.jwtRequests()).toBe(1)
    expect(backend.mints()).toBe(0)
  })

  it('shares one flow among 100 concurrent callers', async () => {
    const backend = fakeBackend()
    const s = session({ customerId: '7' })
    const tokens = await Promise.all(Array.from({ length: 100 }, () => s.getToken()))
    expect(new Set(tokens).size).toBe(1)
    expect(backend.jwtRequests()).toBe(1)
    expect(backend.mints()).toBe(1)
  })

  it('mints again when the cached token is near its expiry', async () => {
    const now = Date.now()
    await storeToken('old', now - 86_000_000, now + 60_000)
    const backend = fakeBackend()
    const token = await session({ customerId: '7' }).getToken()
    expect(token).not.toBe('old')
    expect(backend.mints()).toBe(1)
  })

  it('mints anew on forceRefresh, even with a fresh token cached', async () => {
    const backend = fakeBackend()
    const s = session({ customerId: '7' })
    const first = await s.getToken()
    const second = await s.getToken({ forceRefresh: true })
    expect(second).not.toBe(first)
    expect(backend.mints()).toBe(2)
    expect((await stored()).map((r) => r.token)).toEqual([second])
  })

  it('lets one caller abort its wait while the shared flow goes on for the others', async () => {
    const backend = fakeBackend()
    const s = session({ customerId: '7' })
    const controller = new AbortController()
    const aborted = s.getToken({ signal: controller.signal })
    const other = s.getToken()
    controller.abort()
    expect((await failure(aborted)).code).toBe('aborted')
    expect(tokenCustomer(await other)).toBe(7)
    expect(backend.mints()).toBe(1)
    expect((await failure(s.getToken({ signal: AbortSignal.abort() }))).code).toBe('aborted')
  })

  it('a lone caller that aborts leaves no loading state behind', async () => {
    fakeBackend()
    const s = session({ customerId: '7' })
    expect((await failure(s.getToken({ signal: AbortSignal.abort() }))).code).toBe('aborted')
    expect(s.getStatus().state).toBe('idle')
    const controller = new AbortController()
    const pending = s.getToken({ signal: controller.signal })
    expect(s.getStatus().state).toBe('loading')
    // Aborted while IndexedDB is read, before any flow has started.
    controller.abort()
    expect((await failure(pending)).code).toBe('aborted')
    expect(s.getStatus().state).toBe('idle')
  })
})

describe('the warm read and the other tabs', () => {
  /** An engine whose IndexedDB reads wait for the test, and whose tab messages the test delivers. */
  function heldReads() {
    let deliver: (event: { data: unknown }) => void = () => {}
    // The platform's BroadcastChannel, faked so a message from another tab arrives when the test says.
    vi.stubGlobal(
      'BroadcastChannel',
      class {
        set onmessage(listener: (event: { data: unknown }) => void) {
          deliver = listener
        }
        postMessage() {}
      },
    )
    const store = createTokenStore()
    const lookup = store.lookup
    const reads: (() => void)[] = []
    // Every read is counted; the first waits for the test to release it.
    store.lookup = async (key) => {
      const record = await lookup(key)
      const held = new Promise<void>((resolve) => reads.push(resolve))
      if (reads.length === 1) await held
      return record
    }
    const s = createSession(store)
    s.setConfig({ graphqlEndpoint: ENDPOINT, storeHash: STORE_HASH, customerId: '7' })
    return { s, reads, deliver: (data: unknown) => deliver({ data }) }
  }

  it('two calls while the token is read from IndexedDB: one read, both get the token', async () => {
    fakeBackend()
    const first = await session({ customerId: '7' }).getToken()
    const backend = fakeBackend()
    const { s, reads } = heldReads()
    const calls = [s.getToken(), s.getToken()]
    await vi.waitFor(() => expect(reads).toHaveLength(1))
    reads.forEach((release) => release())
    expect(await Promise.all(calls)).toEqual([first, first])
    expect(reads).toHaveLength(1)
    expect(backend.requests()).toBe(0)
  })

  it('a call after a clear does not join a read begun before it', async () => {
    fakeBackend()
    const first = await session({ customerId: '7' }).getToken()
    const backend = fakeBackend()
    const { s, reads } = heldReads()
    const before = s.getToken()
    await vi.waitFor(() => expect(reads).toHaveLength(1))
    // clearB2BToken() while the first read is under way: the stored token is gone.
    await s.callChunk('flow', (flow) => flow.clear, [])
    const after = s.getToken()
    reads[0]!()
    // The read begun before the clear found the token; neither call hands it out from there: the
    // storefront is asked, and mints anew for the customer it names.
    const tokens = await Promise.all([before, after])
    expect(tokens).not.toContain(first)
    expect(backend.jwtRequests()).toBe(1)
    expect(backend.mints()).toBe(1)
  })

  it("another tab's 'cleared' heard while the token is read: the signed-out customer's token is not handed out", async () => {
    fakeBackend()
    await session({ customerId: '7' }).getToken()
    const backend = fakeBackend()
    const { s, reads, deliver } = heldReads()
    const call = s.getToken()
    await vi.waitFor(() => expect(reads).toHaveLength(1))
    // Another tab signs out: it says 'cleared' before it wipes IndexedDB, so the read still finds the token.
    backend.state.customer = null
    deliver({ type: 'cleared' })
    reads.forEach((release) => release())
    expect(await call).toBeNull()
    expect(backend.jwtRequests()).toBe(1)
    expect(backend.mints()).toBe(0)
  })
})

describe('status and change events', () => {
  it('tells listeners and window listeners each change, never with the token', async () => {
    fakeBackend()
    const s = session({ customerId: '7' })
    const seen: B2BAuthStatus[] = []
    const events: B2BAuthStatus[] = []
    const onEvent = (event: Event) => events.push((event as CustomEvent<B2BAuthStatus>).detail)
    window.addEventListener('b2b-auth:change', onEvent)
    const stop = s.listen((status) => seen.push(status))
    const token = await s.getToken()
    window.removeEventListener('b2b-auth:change', onEvent)
    // Loading at once (IndexedDB is read), then the network flow (refreshing), then the token.
    expect(seen.map((x) => [x.state, x.refreshing])).toEqual([
      ['loading', false],
      ['loading', true],
      ['ready', false],
    ])
    expect(events).toEqual(seen)
    expect(JSON.stringify(seen)).not.toContain(token)
    expect(seen.at(-1)?.fingerprint).toMatch(new RegExp(`^[0-9a-z]+/${token!.length}$`))
    stop()
    await s.callChunk('flow', (f) => f.clear, [])
    expect(seen).toHaveLength(3)
  })

  it('keeps telling the other listeners when one throws', async () => {
    fakeBackend()
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const s = session({ customerId: '7' })
    const states: string[] = []
    s.listen(() => {
      throw new Error('theme bug')
    })
    s.listen((status) => states.push(status.state))
    await s.getToken()
    expect(states).toEqual(['loading', 'loading', 'ready'])
    expect(error).toHaveBeenCalled()
  })

  it('hands out frozen snapshots', async () => {
    const s = session()
    expect(Object.isFrozen(s.getStatus())).toBe(true)
  })
})

describe('the four states a theme handles', () => {
  it('a warm page view goes loading, then ready: never idle once a token was asked for', async () => {
    fakeBackend()
    const s = session({ customerId: '7' })
    await s.getToken()
    const warm = session({ customerId: '7' })
    expect(warm.getStatus().state).toBe('idle')
    const states: string[] = []
    warm.listen((status) => states.push(status.state))
    const pending = warm.getToken()
    expect(warm.getStatus().state).toBe('loading')
    await pending
    expect(states).toEqual(['loading', 'ready'])
  })
})
