import type { Page } from 'playwright-core'
import { describe, expect, it, vi } from 'vitest'
import { gate } from '../sim'
import { getToken, settled, storedTokens, useBrowser } from './harness'
import { customerOf, failOnPageErrors, status } from './support'

// A little latency on both endpoints, so that tabs really overlap.
const h = useBrowser({ latencyMs: 60 })

declare global {
  interface Window {
    /** The types of the tab messages this tab heard (listenToTabs). */
    heard: string[]
  }
}

/** Records the types of the module's tab messages that `page` hears, in window.heard. */
const listenToTabs = (page: Page) =>
  page.evaluate(() => {
    const heard: string[] = (window.heard = [])
    new BroadcastChannel('stencil-b2b-auth').onmessage = (event) => heard.push(event.data.type)
  })

/** Holds every load of the flow chunk in the context from now until the gate is released. */
async function holdFlowChunk() {
  const release = gate()
  await h.context.route(/stencil-b2b-auth-flow-/, async (route) => {
    await release.promise
    await route.continue()
  })
  return release
}

const HOUR = 3_600_000

// Whatever happened, the page never saw an uncaught error or an unhandled rejection.
failOnPageErrors(h)

describe('many tabs, one flow', () => {
  it('five tabs opened cold at once make one current.jwt request and one mutation between them', async () => {
    await h.signIn(1)
    const pages = await Promise.all(Array.from({ length: 5 }, (_, i) => h.open(`/tab${i}`)))
    const tokens = await Promise.all(pages.map(async (page) => (await getToken(page)).token))
    expect(new Set(tokens).size).toBe(1)
    expect(h.sim.count('authorization')).toBe(1)
    expect(h.sim.count('current.jwt')).toBe(1)
  })

  it('a mint in one tab reaches the others at once: new fingerprint, event, and no request of theirs', async () => {
    await h.signIn(1)
    const a = await h.open('/a')
    const b = await h.open('/b')
    await getToken(a)
    await getToken(b)
    await b.evaluate(() => {
      const w = window as unknown as { seen: string[] }
      w.seen = []
      addEventListener('b2b-auth:change', (e) => w.seen.push(String((e as CustomEvent).detail.fingerprint)))
    })
    h.sim.log.length = 0
    const { token: renewed } = await getToken(a, { forceRefresh: true })
    const fingerprint = (await status(a)).fingerprint
    await b.waitForFunction((f) => (window as unknown as { seen: string[] }).seen.includes(f!), fingerprint)
    expect(await getToken(b)).toEqual({ token: renewed })
    expect(h.sim.count('current.jwt')).toBe(1)
    expect(h.sim.count('authorization')).toBe(1)
  })
})

describe('sign-out and customer switch', () => {
  it("a customer switch in another tab: the old tab gets the new customer's token, never the old one", async () => {
    await h.signIn(1)
    const a = await h.open('/a')
    expect(customerOf((await getToken(a)).token)).toBe(1)
    await h.signIn(2)
    const b = await h.open('/b')
    expect(customerOf((await getToken(b)).token)).toBe(2)
    await a.waitForFunction(() => window.b2bAuth.getB2BStatus().customerId !== '1')
    const { token } = await getToken(a)
    expect(customerOf(token)).toBe(2)
    expect(h.sim.count('authorization')).toBe(2)
    expect((await storedTokens(a)).map((r) => r.customerId)).toEqual(['2'])
  })

  it('a mint that lands after clearB2BToken() is thrown away, never stored nor handed out', async () => {
    await h.signIn(1)
    const release = gate()
    h.sim.fault('authorization', { until: release.promise })
    const page = await h.open('/slow', { hint: false })
    await page.waitForFunction(() => window.b2bAuth.getB2BStatus().state === 'loading')
    const pending = page.evaluate(() => window.b2bAuth.getB2BToken())
    // Cleared while the mint is on its way (held by the sim until then), whatever the machine's load.
    await vi.waitFor(() => expect(h.sim.count('authorization')).toBe(1), { timeout: 20_000 })
    await page.evaluate(() => window.b2bAuth.clearB2BToken())
    release.resolve()
    const token = await pending
    const [discarded, kept] = h.sim.issuedTokens
    expect(h.sim.count('authorization')).toBe(2)
    expect(token).toBe(kept)
    expect(token).not.toBe(discarded)
    expect((await storedTokens(page)).map((r) => r.token)).toEqual([kept])
  })

  it('a warm tab that hears of a sign-out answers null, also while the flow chunk that reads the message is still loading', async () => {
    await h.signIn(1)
    const cold = await h.open('/cold')
    const { token } = await getToken(cold)
    // A warm tab: its token from IndexedDB, the entry alone loaded; its flow chunk will be held.
    const warm = await h.open('/warm')
    expect(await getToken(warm)).toEqual({ token })
    const release = await holdFlowChunk()
    await listenToTabs(warm)
    await cold.evaluate(() => window.b2bAuth.signOut({ storefront: true }))
    await warm.waitForFunction(() => window.heard.includes('cleared'))
    // Asked while the chunk that would read the message is held: never the signed-out token.
    const answer = getToken(warm)
    release.resolve()
    expect(await answer).toEqual({ token: null })
  })

  it("a warm tab that hears a guest page's sign-out answers null while that page still waits for the lock to wipe storage", async () => {
    await h.signIn(1)
    const cold = await h.open('/cold')
    const { token } = await getToken(cold)
    const warm = await h.open('/warm')
    expect(await getToken(warm)).toEqual({ token })
    // Another tab's flow holds the tabs' lock (a mint under way), so the guest page's wipe waits.
    await cold.evaluate(() => {
      const w = window as unknown as { releaseLock: () => void }
      void navigator.locks.request('stencil-b2b-auth', () => new Promise<void>((resolve) => (w.releaseLock = resolve)))
    })
    await listenToTabs(warm)
    // The warm tab's flow chunk, which reads the message, is held from here on.
    const release = await holdFlowChunk()
    await h.signOut()
    const guest = await h.open('/guest')
    expect(await settled(guest)).toBe('guest')
    await warm.waitForFunction(() => window.heard.includes('cleared'))
    // The signed-out customer's token is still in IndexedDB (the wipe waits): never served.
    expect(await storedTokens(warm)).toMatchObject([{ customerId: '1' }])
    const answer = getToken(warm)
    release.resolve()
    await cold.evaluate(() => (window as unknown as { releaseLock: () => void }).releaseLock())
    expect(await answer).toEqual({ token: null })
    expect(await storedTokens(warm)).toEqual([])
  })

  it('a mint that lands after a sign-out shown in another tab is thrown away: that tab answers null, and nothing is stored', async () => {
    await h.signIn(1)
    const release = gate()
    h.sim.fault('authorization', { until: release.promise })
    const a = await h.open('/a')
    const pending = a.evaluate(() =>
      window.b2bAuth.getB2BToken().then(
        (token) => ({ token }),
        (error: { code: string }) => ({ code: error.code }),
      ),
    )
    // Held by the sim, whatever the machine's load: tab A's mint is under way, holding the tabs' lock.
    await vi.waitFor(() => expect(h.sim.count('authorization')).toBe(1), { timeout: 20_000 })
    await listenToTabs(a)
    // The shopper signs out; a guest page opens in tab B.
    await h.signOut()
    const b = await h.open('/b')
    expect(await settled(b)).toBe('guest')
    // Tab A hears of it while its mint is still held (B must not wait for A's lock to say so). The
    // wait is bounded only so that a build that says nothing fails below rather than hanging here.
    const heardFirst = await a
      .waitForFunction(() => window.heard.includes('cleared'), null, { timeout: 5_000 })
      .then(
        () => true,
        () => false,
      )
    release.resolve()
    expect(await pending).toEqual({ token: null })
    expect(heardFirst).toBe(true)
    expect(await storedTokens(a)).toEqual([])
    expect(await storedTokens(b)).toEqual([])
    expect(await settled(a)).toBe('guest')
  })
})

describe('expiry, on the browser clock', () => {
  it('near its end the token is served at once and renewed in the background; past it, minted before use', async () => {
    const start = Date.now()
    await h.context.clock.install({ time: start })
    await h.signIn(1)
    const page = await h.open('/')
    const { token: first } = await getToken(page)

    // 23 h 40 min in: not yet due, so served with no request at all.
    await page.clock.setSystemTime(start + 23 * HOUR + 40 * 60_000)
    expect(await getToken(page)).toEqual({ token: first })
    expect(h.sim.count('authorization')).toBe(1)
    // 23 h 52 min in: 8 minutes left, within the renewal window; served at once, renewed behind.
    await page.clock.setSystemTime(start + 23 * HOUR + 52 * 60_000)
    expect(await getToken(page)).toEqual({ token: first })
    await page.waitForFunction((f) => window.b2bAuth.getB2BStatus().fingerprint !== f, (await status(page)).fingerprint)
    const { token: renewed } = await getToken(page)
    expect(renewed).not.toBe(first)
    expect(h.sim.count('authorization')).toBe(2)

    await page.clock.setSystemTime(start + 48 * HOUR)
    await page.reload()
    const { token: third } = await getToken(page)
    expect(third).not.toBe(renewed)
    expect(h.sim.count('authorization')).toBe(3)
  })

  it('a clock moved back before the token was obtained invalidates the stored entry', async () => {
    const start = Date.now()
    await h.context.clock.install({ time: start })
    await h.signIn(1)
    const page = await h.open('/')
    const { token: first } = await getToken(page)
    await page.clock.setSystemTime(start - 2 * HOUR)
    await page.reload()
    const { token } = await getToken(page)
    expect(token).not.toBe(first)
    expect(h.sim.count('authorization')).toBe(2)
  })
})

describe('faults', () => {
  it('an outage: bounded retries, then a cooldown the other page views share; forceRefresh overrides it', async () => {
    await h.signIn(1)
    h.sim.fault('authorization', { status: 502, body: 'Bad gateway' }, Infinity)
    const page = await h.open('/')
    const { error } = await getToken(page)
    expect(error).toMatchObject({ code: 'http' })
    expect(h.sim.count('authorization')).toBe(3)

    h.sim.log.length = 0
    const other = await h.open('/other')
    expect(await settled(other)).toBe('error')
    expect((await getToken(other)).error?.message).toMatch(/not retried for \d+ s/)
    expect(h.sim.count('current.jwt')).toBe(0)
    expect(h.sim.count('graphql')).toBe(0)

    h.sim.clearFaults()
    expect((await getToken(other, { forceRefresh: true })).token).toBe(h.sim.issuedTokens[0])
  })

  it('a hung endpoint times out instead of leaving callers waiting', async () => {
    await h.signIn(1)
    h.sim.fault('authorization', { hang: true })
    // Short, but long enough for current.jwt to answer first on a busy machine (400 ms was not).
    const page = await h.open('/', { attributes: { 'data-timeout-ms': '3000' } })
    const { error } = await getToken(page)
    expect(error).toMatchObject({ code: 'timeout' })
    expect(h.sim.count('authorization')).toBe(1)
  })

  it('a caller can stop waiting with an AbortSignal while the flow goes on for the others', async () => {
    await h.signIn(1)
    h.sim.fault('authorization', { delayMs: 500 })
    const page = await h.open('/', { hint: false })
    const result = await page.evaluate(async () => {
      const controller = new AbortController()
      const mine = window.b2bAuth.getB2BToken({ signal: controller.signal }).catch((e) => e.code)
      const theirs = window.b2bAuth.getB2BToken()
      controller.abort()
      return [await mine, typeof (await theirs)]
    })
    expect(result).toEqual(['aborted', 'string'])
    expect(h.sim.count('authorization')).toBe(1)
  })

  it('going offline fails with network; coming back online retries by itself', async () => {
    await h.signIn(1)
    const page = await h.open('/', { hint: false })
    await h.context.setOffline(true)
    expect((await getToken(page, { forceRefresh: true })).error?.code).toBe('network')
    await h.context.setOffline(false)
    await page.waitForFunction(() => window.b2bAuth.getB2BStatus().state === 'ready' && !window.b2bAuth.getB2BStatus().error)
  })
})

describe('bad input: each a clear error, nothing sent on, nothing stored', () => {
  // One answer per endpoint, from the real network stack to getB2BToken(); every other bad answer
  // and its code is a unit test (current-jwt.test.ts, authorize.test.ts).
  it('an HTML page from current.jwt (a login redirect, maintenance mode)', async () => {
    await h.signIn(1)
    h.sim.fault('current.jwt', { status: 200, body: '<!doctype html><title>Login</title>' }, Infinity)
    const page = await h.open('/')
    expect((await getToken(page)).error?.code).toBe('html_response')
    expect(h.sim.count('graphql')).toBe(0)
    expect(await storedTokens(page)).toEqual([])
  })

  it.each([
    ['no token', { status: 200, body: '{"data":{"authorization":{"result":null}}}' }, 'invalid_response'],
    // Read from the real stream, and stopped there.
    ['an oversized body', { oversizeBytes: 200_000 }, 'too_large'],
  ] as const)('the B2B endpoint answering %s', async (_, fault, code) => {
    await h.signIn(1)
    h.sim.fault('authorization', fault, Infinity)
    const page = await h.open('/')
    const { error } = await getToken(page)
    expect(error?.code).toBe(code)
    expect(h.sim.count('authorization')).toBe(1)
    expect(await storedTokens(page)).toEqual([])
  })

  it('a JWT of another store is refused before anything is sent on', async () => {
    await h.signIn(1)
    const page = await h.open('/', { attributes: { 'data-store-hash': 'someotherstore' } })
    expect((await getToken(page)).error?.code).toBe('jwt_store')
    expect(h.sim.count('graphql')).toBe(0)
  })

  it('a corrupted, foreign or older-version entry in the store is a miss, and replaced', async () => {
    await h.signIn(1)
    const page = await h.open('/')
    await getToken(page)
    const key = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const open = indexedDB.open('stencil-b2b-auth')
          open.onsuccess = () => {
            const tx = open.result.transaction('tokens', 'readwrite')
            const store = tx.objectStore('tokens')
            const keys = store.getAllKeys()
            keys.onsuccess = () => {
              const key = String(keys.result[0])
              store.put({ v: 0, token: 'from-an-older-version' }, key)
              store.put('garbage', 'not-our-key')
              tx.oncomplete = () => resolve(key)
            }
          }
        }),
    )
    expect(key).toMatch(/^v3\|/)
    await page.reload()
    const { token } = await getToken(page)
    expect(token).not.toBe('from-an-older-version')
    expect(token).toBe(h.sim.issuedTokens[1])
    expect((await storedTokens(page)).map((r) => r.token)).toEqual([token])
  })

  it('IndexedDB refusing writes (quota) leaves the page working in memory', async () => {
    await h.context.addInitScript(() => {
      IDBObjectStore.prototype.put = () => {
        throw new DOMException('Quota exceeded', 'QuotaExceededError')
      }
    })
    await h.signIn(1)
    const page = await h.open('/')
    const { token } = await getToken(page)
    expect(token).toBe(h.sim.issuedTokens[0])
    expect((await status(page)).storage).toBe('memory')
    expect(await getToken(page)).toEqual({ token })
    expect(h.sim.count('authorization')).toBe(1)
  })

  it('IndexedDB whose open() never answers (Safari 14) is given up on, not waited for forever', async () => {
    await h.context.addInitScript(() => {
      IDBFactory.prototype.open = () => ({}) as IDBOpenDBRequest
    })
    await h.signIn(1)
    const page = await h.open('/')
    const { token } = await getToken(page)
    expect(token).toBe(h.sim.issuedTokens[0])
    expect((await status(page)).storage).toBe('memory')
  })
})
