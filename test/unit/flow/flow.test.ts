// The engine beyond the warm path (src/flow/), driven through createSession as a
// page would drive it: fetch and IndexedDB faked at the edge, several engines as several tabs.
import { clear, set } from 'idb-keyval'
import { describe, expect, it, vi } from 'vitest'
import { setDebugging } from '../../../src/core/debug'
import { createSession } from '../../../src/entry/session'
import { recordKey, SCHEMA_VERSION } from '../../../src/core/token-record'
import { ENDPOINT, fakeBackend, tokenCustomer } from '../support/backend'
import { fakeFetch, json, text, tokenAnswer } from '../support/fake-fetch'
import { fakeLocks } from '../support/fake-locks'
import { b2bToken, CLIENT_ID, customerJwt, STORE_HASH } from '../support/jwt'
import { idb, session, storeToken, stored } from '../support/engine'
import { failure } from '../support/rejection'

describe('guests and other customers', () => {
  it('on a guest page resolves null with no request and drops cached tokens', async () => {
    fakeBackend()
    await session({ customerId: '7' }).getToken()
    const backend = fakeBackend()
    const s = session({ customerId: '' })
    expect(await s.getToken()).toBeNull()
    expect(backend.requests()).toBe(0)
    expect(await stored()).toEqual([])
    expect(s.getStatus()).toMatchObject({ state: 'guest', customerId: null, fingerprint: null })
  })

  it('two calls at once on a guest page: one wipe, one change, and the second answers without waiting for it', async () => {
    fakeLocks()
    fakeBackend()
    await session({ customerId: '7' }).getToken()
    // Another tab holds the tabs' lock (a mint under way): the wipe waits for it.
    let release = () => {}
    void navigator.locks.request('stencil-b2b-auth', () => new Promise<void>((resolve) => (release = resolve)))
    const cleared: unknown[] = []
    const tabs = new BroadcastChannel('stencil-b2b-auth')
    tabs.onmessage = (event) => cleared.push(event.data)
    const s = session({ customerId: '' })
    const states: string[] = []
    s.listen((status) => states.push(status.state))
    const first = s.getToken()
    expect(await s.getToken()).toBeNull()
    expect(states).toEqual(['guest'])
    // The other tabs hear of it before the wipe waits for the lock (their mint is thrown away), and
    // again once it is done.
    await vi.waitFor(() => expect(cleared).toEqual([{ type: 'cleared' }]))
    release()
    expect(await first).toBeNull()
    expect(await stored()).toEqual([])
    await vi.waitFor(() => expect(cleared).toEqual([{ type: 'cleared' }, { type: 'cleared' }]))
    expect(states).toEqual(['guest'])
    tabs.close()
  })

  it('reads a 404 from current.jwt as a guest: null, and cached tokens dropped', async () => {
    const backend = fakeBackend()
    await session({ customerId: '7' }).getToken()
    backend.state.customer = null
    const s = session()
    expect(await s.getToken()).toBeNull()
    expect(backend.mints()).toBe(1)
    expect(await stored()).toEqual([])
    expect(s.getStatus().state).toBe('guest')
  })

  it("never returns another customer's token: the live session wins over the cache", async () => {
    const backend = fakeBackend()
    await session({ customerId: '7' }).getToken()
    backend.state.customer = 8
    const token = await session().getToken()
    expect(tokenCustomer(token)).toBe(8)
    // A browser has one storefront session: the mint for 8 leaves nothing of 7 behind.
    expect((await stored()).map((r) => r.customerId)).toEqual(['8'])
  })

  it('a JWT naming another customer than the page was rendered for is asked again before a mint: the live answer wins', async () => {
    const backend = fakeBackend()
    backend.state.customer = 8
    const token = await session({ customerId: '7' }).getToken()
    expect(tokenCustomer(token)).toBe(8)
    expect(backend.jwtRequests()).toBe(2)
    expect(backend.mints()).toBe(1)
  })

  it('the same JWT twice for a page rendered for someone else is a replay: refused, nothing minted or stored', async () => {
    const replayed = customerJwt(8)
    const edge = fakeFetch((request) => (request.url.pathname === '/customer/current.jwt' ? text(replayed) : undefined))
    const error = await failure(session({ customerId: '7' }).getToken())
    expect(error.code).toBe('invalid_jwt')
    expect(edge.count('/customer/current.jwt')).toBe(2)
    expect(edge.count('/graphql')).toBe(0)
    expect(await stored()).toEqual([])
  })

  it('throws away a mint that lands after the page turned guest, and stores nothing', async () => {
    const backend = fakeBackend()
    let release!: () => void
    backend.state.mint = (customerId) =>
      new Promise((resolve) => {
        release = () => resolve(json({ data: { authorization: { result: { token: b2bToken(customerId) } } } }))
      })
    const s = session({ customerId: '7' })
    const pending = s.getToken()
    await vi.waitFor(() => expect(backend.mints()).toBe(1))
    s.setConfig({ customerId: '' })
    release()
    expect(await pending).toBeNull()
    expect(await stored()).toEqual([])
    expect(s.getStatus().state).toBe('guest')
  })

  it('throws away a mint that lands after clear(), and mints anew for a caller still waiting', async () => {
    const backend = fakeBackend()
    const releases: (() => void)[] = []
    backend.state.mint = (customerId) =>
      new Promise((resolve) => {
        const token = b2bToken(customerId)
        releases.push(() => resolve(json({ data: { authorization: { result: { token } } } })))
      })
    const s = session({ customerId: '7' })
    const pending = s.getToken()
    await vi.waitFor(() => expect(releases).toHaveLength(1))
    await s.callChunk('flow', (f) => f.clear, [])
    releases[0]!()
    await vi.waitFor(() => expect(releases).toHaveLength(2))
    releases[1]!()
    const token = await pending
    expect((await stored()).map((r) => r.token)).toEqual([token])
    expect(backend.mints()).toBe(2)
  })
})

describe('failures', () => {
  it('rejects with the GraphQL error, records it in the status, and stores nothing', async () => {
    const backend = fakeBackend()
    backend.state.mint = () =>
      json({ errors: [{ message: 'Operation cannot be performed as the storefront channel is not live', extensions: { code: 403 } }] })
    const s = session({ customerId: '7' })
    const error = await failure(s.getToken())
    expect(error.code).toBe('channel_not_live')
    expect(s.getStatus()).toMatchObject({ state: 'error', error: { code: 'channel_not_live' } })
    expect(await stored()).toEqual([])
  })

  it('refuses to run with a bad config, naming the option, sending nothing', async () => {
    const backend = fakeBackend()
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const s = createSession()
    s.setConfig({ channelId: 'two', graphqlEndpoint: ENDPOINT })
    const error = await failure(s.getToken())
    expect(error.code).toBe('config')
    expect(error.message).toMatch(/^channelId must be a positive integer/)
    expect(s.getStatus()).toMatchObject({ state: 'error', error: { code: 'config' } })
    expect(backend.requests()).toBe(0)
  })

  it('keeps working in memory when IndexedDB is unavailable, and says so', async () => {
    vi.stubGlobal('indexedDB', undefined)
    const backend = fakeBackend()
    const s = session({ customerId: '7' })
    const token = await s.getToken()
    expect(tokenCustomer(token)).toBe(7)
    expect(await s.getToken()).toBe(token)
    expect(backend.mints()).toBe(1)
    expect(s.getStatus().storage).toBe('memory')
  })
})

describe('superseded flows', () => {
  it('a flow that fails after new settings arrived starts over under them, instead of rejecting', async () => {
    const backend = fakeBackend()
    let fail!: () => void
    // The first answer, a GraphQL error (never retried), lands after the settings changed.
    backend.state.mint = (customerId) =>
      backend.mints() === 1
        ? new Promise((resolve) => (fail = () => resolve(json({ errors: [{ message: 'Channel not found', extensions: { code: 404 } }] }))))
        : json({ data: { authorization: { result: { token: b2bToken(customerId) } } } })
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const s = session({ customerId: '7' })
    const pending = s.getToken()
    await vi.waitFor(() => expect(backend.mints()).toBe(1))
    s.setConfig({ channelId: 2 })
    fail()
    expect(tokenCustomer(await pending)).toBe(7)
    expect(backend.sent.filter((r) => r.url.href === ENDPOINT).at(-1)?.body.variables.channelId).toBe(2)
  })
})

describe('many tabs', () => {
  it('two tabs starting cold at once make one mint between them', async () => {
    fakeLocks()
    const backend = fakeBackend()
    const [a, b] = [session({ customerId: '7' }), session({ customerId: '7' })]
    const [ta, tb] = await Promise.all([a.getToken(), b.getToken()])
    expect(ta).toBe(tb)
    expect(backend.mints()).toBe(1)
  })

  it('a tab that mints tells the others: their status follows with no request', async () => {
    const backend = fakeBackend()
    const a = session({ customerId: '7' })
    const b = session({ customerId: '7' })
    await a.getToken()
    await b.getToken()
    const fingerprints: (string | null)[] = []
    b.listen((status) => fingerprints.push(status.fingerprint))
    const requestsBefore = backend.requests()
    const renewed = await a.getToken({ forceRefresh: true })
    await vi.waitFor(() => expect(fingerprints.at(-1)).toBe(a.getStatus().fingerprint))
    expect(await b.getToken()).toBe(renewed)
    expect(backend.requests()).toBe(requestsBefore + 2)
  })

  it('a sign-out seen in one tab leaves the others null, never the old token', async () => {
    const backend = fakeBackend()
    const open = session({ customerId: '7' })
    const old = await open.getToken()
    backend.state.customer = null
    expect(await session({ customerId: '' }).getToken()).toBeNull()
    await vi.waitFor(() => expect(open.getStatus().state).toBe('idle'))
    // Told of the sign-out, the tab lets current.jwt decide: nobody signed in is a guest, not the
    // client_id error a page rendered for a customer gets otherwise (see docs/behaviour.md, Which client id).
    const after = await open.getToken()
    expect(after).toBeNull()
    expect(after).not.toBe(old)
  })

  it("a customer switch in another tab: the old tab gets the new customer's token, never the old one", async () => {
    const backend = fakeBackend()
    const old = session({ customerId: '7' })
    await old.getToken()
    backend.state.customer = 8
    const fresh = await session({ customerId: '8' }).getToken()
    await vi.waitFor(() => expect(old.getStatus().customerId).toBeNull())
    const mints = backend.mints()
    expect(await old.getToken()).toBe(fresh)
    expect(tokenCustomer(await old.getToken())).toBe(8)
    expect(backend.mints()).toBe(mints)
  })

  it("a tab holding nothing follows another tab's mint: from error or idle to ready, with no request", async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    fakeFetch(() => text('<!doctype html><title>Maintenance</title>'))
    const failed = session({ customerId: '7' })
    expect((await failure(failed.getToken())).code).toBe('html_response')
    const idle = session({ customerId: '7' })
    const unknown = session()
    expect([failed, idle, unknown].map((s) => s.getStatus().state)).toEqual(['error', 'idle', 'idle'])

    const backend = fakeBackend()
    const minter = session({ customerId: '7' })
    const token = await minter.getToken()
    const { fingerprint } = minter.getStatus()
    for (const tab of [failed, idle, unknown]) {
      await vi.waitFor(() => expect(tab.getStatus()).toMatchObject({ state: 'ready', customerId: '7', fingerprint, error: null }))
      expect(await tab.getToken()).toBe(token)
    }
    expect(backend.requests()).toBe(2)
  })

  it('a tab never follows a mint for someone else than its customer id names, and a guest page never follows one', async () => {
    const backend = fakeBackend()
    // The guest page asks first: its 'cleared' is a sign-out, after which a tab follows the live
    // session whoever it names; here the tabs open after it.
    const guest = session({ customerId: '' })
    expect(await guest.getToken()).toBeNull()
    const other = session({ customerId: '8' })
    const follower = session({ customerId: '7' })
    const seen: Record<string, (string | null)[]> = { other: [], guest: [] }
    other.listen((status) => seen.other!.push(status.customerId))
    guest.listen((status) => seen.guest!.push(status.customerId))
    await session({ customerId: '7' }).getToken()
    // Every tab got the message: the one it names follows it; the one naming 8 drops its hint.
    await vi.waitFor(() => expect(follower.getStatus().state).toBe('ready'))
    await vi.waitFor(() => expect(seen.other).toEqual([null]))
    expect(other.getStatus().state).toBe('idle')
    expect(seen.guest).toEqual([])
    expect(guest.getStatus().state).toBe('guest')
    expect(backend.mints()).toBe(1)
  })

  it('forceRefresh in two tabs after the same rejected token makes one mint', async () => {
    fakeLocks()
    const backend = fakeBackend()
    const [a, b] = [session({ customerId: '7' }), session({ customerId: '7' })]
    const rejected = await a.getToken()
    expect(await b.getToken()).toBe(rejected)
    const [ra, rb] = await Promise.all([a.getToken({ forceRefresh: true }), b.getToken({ forceRefresh: true })])
    expect(ra).toBe(rb)
    expect(ra).not.toBe(rejected)
    expect(backend.mints()).toBe(2)
  })
})

describe('expiry', () => {
  const storeRecord = (token: string, obtainedAt: number, expiresAt: number) =>
    set(
      recordKey(STORE_HASH, 1, '7'),
      { v: SCHEMA_VERSION, token, customerId: '7', storeHash: STORE_HASH, channelId: 1, obtainedAt, expiresAt, exp: null },
      idb(),
    )

  it('near its end, serves the token at once and renews it in the background', async () => {
    const now = Date.now()
    await storeRecord('ageing', now - 24 * 3_600_000, now + 8 * 60_000)
    const backend = fakeBackend()
    const s = session({ customerId: '7' })
    expect(await s.getToken()).toBe('ageing')
    expect(await s.getToken()).toBe('ageing')
    await vi.waitFor(() => expect(s.getStatus().fingerprint).not.toBe(null))
    await vi.waitFor(async () => expect((await stored())[0]?.token).not.toBe('ageing'))
    expect(await s.getToken()).not.toBe('ageing')
    expect(backend.mints()).toBe(1)
  })

  it('does not trust an entry obtained "in the future": the clock moved back', async () => {
    const now = Date.now()
    await storeRecord('from-the-future', now + 3_600_000, now + 25 * 3_600_000)
    const backend = fakeBackend()
    expect(await session({ customerId: '7' }).getToken()).not.toBe('from-the-future')
    expect(backend.mints()).toBe(1)
  })

  it('a page restored from the back/forward cache trusts IndexedDB, not its memory', async () => {
    const backend = fakeBackend()
    const s = session({ customerId: '7' })
    await s.getToken()
    // Signed out elsewhere while this page was frozen: nobody could tell it.
    backend.state.customer = null
    await clear(idb())
    // happy-dom's PageTransitionEvent has no `persisted`: the event as Chromium would send it.
    window.dispatchEvent(Object.assign(new Event('pageshow'), { persisted: true }))
    // Rendered for customer 7, yet nobody is signed in: reported as client_id, never a token, and
    // nothing of customer 7's left in IndexedDB.
    await vi.waitFor(() => expect(s.getStatus().state).toBe('error'))
    expect(s.getStatus().error?.code).toBe('client_id')
    await expect(s.getToken()).rejects.toMatchObject({ code: 'client_id' })
    expect(await stored()).toEqual([])
    // And no tab is paused by it: a shopper who signs in again at once must not meet it.
    expect(localStorage.getItem('stencil-b2b-auth:cooldown')).toBeNull()
  })
})

describe('outages', () => {
  it('after a failure, a cooldown shared by the tabs keeps both endpoints quiet; forceRefresh overrides it', async () => {
    const backend = fakeBackend()
    backend.state.mint = () => json({ message: 'upstream down' }, 503)
    const first = session({ customerId: '7' })
    expect((await failure(first.getToken())).status).toBe(503)
    const afterFailure = backend.requests()
    expect(backend.mints()).toBe(3)

    const otherTab = session({ customerId: '7' })
    const paused = await failure(otherTab.getToken())
    expect(paused.code).toBe('http')
    expect(paused.message).toMatch(/not retried for \d+ s/)
    expect(backend.requests()).toBe(afterFailure)

    delete backend.state.mint
    expect(tokenCustomer(await otherTab.getToken({ forceRefresh: true }))).toBe(7)
  })

  it('a bad answer starts no cooldown: a shopper who signs in right after it gets a token at once', async () => {
    // The storefront redirected current.jwt to its login page.
    fakeFetch((request) => (request.url.pathname === '/customer/current.jwt' ? text('<!doctype html><title>Sign in</title>') : undefined))
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const s = session({ customerId: '7' })
    expect((await failure(s.getToken())).code).toBe('html_response')

    const signedIn = fakeBackend()
    const otherTab = session({ customerId: '7' })
    expect(tokenCustomer(await otherTab.getToken())).toBe(7)
    expect(signedIn.jwtRequests()).toBe(1)
    expect(signedIn.mints()).toBe(1)
  })

  it('coming back online ends the cooldown and retries a failed page', async () => {
    const backend = fakeBackend()
    backend.state.mint = () => Promise.reject(new TypeError('Failed to fetch'))
    const s = session({ customerId: '7' })
    expect((await failure(s.getToken())).code).toBe('network')
    delete backend.state.mint
    window.dispatchEvent(new Event('online'))
    await vi.waitFor(() => expect(s.getStatus().state).toBe('ready'))
  })

  it('keeps serving a still-valid token when its renewal fails, and says so', async () => {
    const now = Date.now()
    await storeToken('ageing', now - 24 * 3_600_000, now + 8 * 60_000)
    const backend = fakeBackend()
    backend.state.mint = () => json({ errors: [{ message: 'Internal error', extensions: { code: 500 } }] })
    const s = session({ customerId: '7' })
    expect(await s.getToken()).toBe('ageing')
    await vi.waitFor(() => expect(s.getStatus().error?.code).toBe('graphql'))
    expect(s.getStatus().state).toBe('ready')
    expect(await s.getToken()).toBe('ageing')
    // That call started another renewal in the background: it ends here, not in the next test.
    await vi.waitFor(() => expect(s.getStatus().refreshing).toBe(false))
  })
})

describe('the pause read back', () => {
  it('is the answer, and is never started again: its end stays where it was, even for a client_id pause the fallback wraps', async () => {
    // Customer 9 holds the session on a page rendered for 7; a client_id pause of 9's is running.
    const backend = fakeBackend()
    backend.state.customer = 9
    const now = Date.now()
    const pause = { scope: `${STORE_HASH}|1`, customer: '9', at: now - 10_000, until: now + 20_000, code: 'client_id', message: 'refused' }
    localStorage.setItem('stencil-b2b-auth:cooldown', JSON.stringify({ ...pause, details: {} }))
    // With data-client-id, one id: the pause read back is wrapped as the fallback's last failure.
    const error = await failure(session({ customerId: '7', clientId: CLIENT_ID }).getToken())
    expect(error.code).toBe('client_id')
    expect(error.message).toMatch(/^refused \(not retried for \d+ s\): check data-client-id/)
    expect(backend.minted).toEqual([])
    expect(JSON.parse(localStorage.getItem('stencil-b2b-auth:cooldown')!)).toMatchObject({
      until: pause.until,
      at: pause.at,
      message: 'refused',
    })
  })
})

describe('b2bGraphQL()', () => {
  it("hands the theme the answer's data as ordinary objects, with Object.prototype's methods", async () => {
    fakeFetch((request) => {
      if (request.url.pathname === '/customer/current.jwt') return text(customerJwt(7))
      if (/authorization\(/.test(request.body.query)) return tokenAnswer(b2bToken(7))
      return json({ data: { customerInfo: { userType: 3, userInfo: { role: 0 } } } })
    })
    const data = (await session({ customerId: '7' }).callChunk('flow', (f) => f.requestWithToken, ['{ customerInfo { userType } }'])) as {
      customerInfo: { userInfo: object }
    }
    // What themes do with a GraphQL answer: hasOwnProperty, a template string, instanceof Object.
    for (const object of [data, data.customerInfo, data.customerInfo.userInfo]) {
      expect(Object.getPrototypeOf(object)).toBe(Object.prototype)
    }
    expect(data.customerInfo.hasOwnProperty('userInfo')).toBe(true)
  })
})

describe('debug traces', () => {
  it('name the tab messages followed, clear() and the re-mint after a refused token, by fingerprint only', async () => {
    setDebugging(true)
    const lines: string[] = []
    vi.spyOn(console, 'debug').mockImplementation((line: string) => void lines.push(line))
    const tokens: string[] = []
    let refusals = 0
    fakeFetch((request) => {
      if (request.url.pathname === '/customer/current.jwt') return text(customerJwt(7))
      if (/authorization\(/.test(request.body.query)) return tokenAnswer(tokens[tokens.push(b2bToken(7)) - 1])
      return refusals++ ? json({ data: { ok: true } }) : json({ errors: [{ message: 'Token expired', extensions: { code: 40101 } }] })
    })
    try {
      const a = session({ customerId: '7' })
      const b = session({ customerId: '7' })
      const c = session({ customerId: '8' })
      await a.getToken()
      const minted = a.getStatus().fingerprint
      await vi.waitFor(() => expect(b.getStatus().state).toBe('ready'))
      await vi.waitFor(() => expect(c.getStatus().customerId).toBeNull())
      expect(await b.callChunk('flow', (f) => f.requestWithToken, ['query Q { ok }'])).toEqual({ ok: true })
      await a.callChunk('flow', (f) => f.clear, [])
      await vi.waitFor(() => expect(b.getStatus().state).toBe('idle'))

      expect(lines).toEqual(
        expect.arrayContaining([
          `[b2b-auth] another tab minted token ${minted}`,
          '[b2b-auth] another tab minted for customer 7',
          '[b2b-auth] token refused (40101/401): new token, one retry',
          '[b2b-auth] clear()',
          '[b2b-auth] another tab cleared',
        ]),
      )
      for (const token of tokens) for (const line of lines) expect(line).not.toContain(token.split('.')[1])
    } finally {
      setDebugging(false)
    }
  })
})
