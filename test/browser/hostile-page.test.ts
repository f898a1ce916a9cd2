import type { BrowserContext, Request } from 'playwright-core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { gate } from '../sim'
import { waitFor } from './drivers/wait'
import { getToken, ready, settled, storedTokens, storefrontPage, useBrowser } from './harness'
import { customerOf, expectNoPageErrors, openServed, status } from './support'

// A storefront page that other scripts and markup have turned hostile: each test here failed before
// the module defended against it (see the README's threat model).
const h = useBrowser({ latencyMs: 20 })

const HOUR = 3_600_000
const EVIL = 'https://evil.example/graphql'
const counts = () => ({ jwt: h.sim.count('current.jwt'), graphql: h.sim.count('graphql') })
/** Every request any page of the test sent to a host other than the simulator's (all refused). */
let foreign: string[] = []
const onRequest = (request: Request) => {
  if (new URL(request.url()).hostname !== '127.0.0.1') foreign.push(request.url())
}
const watchForeign = (context: BrowserContext) => context.on('request', onRequest)

beforeEach(() => {
  foreign = []
  watchForeign(h.context)
})

afterEach(async () => {
  // Off again, so that the file's shared context is not taken for one a test changed.
  h.context.off('request', onRequest)
  await expectNoPageErrors(h)
  expect(foreign.filter((url) => url.includes('evil.example'))).toEqual([])
})

/** Registers `html` at `path`, with headers, and opens it in a new tab without waiting for anything. */
const openRaw = (path: string, html: (ctx: Parameters<typeof storefrontPage>[0]) => string, headers?: Record<string, string>) =>
  openServed(h, path, { html, ...(headers ? { headers } : {}), ready: false })

/** The module's tag as the harness renders it, for pages built by hand. */
const tagOf = (ctx: Parameters<typeof storefrontPage>[0], extra = '') =>
  /<script type="module"[^>]*><\/script>/.exec(storefrontPage(ctx))![0].replace('<script ', `<script ${extra} `)

describe('a polluted Object.prototype', () => {
  it('graphqlEndpoint on it: the JWT goes to the default endpoint, never to the inherited one', async () => {
    await h.signIn(1)
    await h.context.addInitScript((evil) => {
      ;(Object.prototype as Record<string, unknown>).graphqlEndpoint = evil
    }, EVIL)
    // A tag without data-graphql-endpoint: the setting is absent, so the inherited one would be read.
    const page = await openRaw(
      '/',
      (ctx) => `<!doctype html><title>Storefront</title>${tagOf(ctx).replace(/ data-graphql-endpoint="[^"]*"/, '')}`,
    )
    await ready(page)
    expect(await settled(page)).toBe('error')
    // The default endpoint is the real platform's, which this test's browser refuses to reach.
    expect(foreign.some((url) => url.startsWith('https://api-b2b.bigcommerce.com/graphql'))).toBe(true)
  })

  it('result on it, and a login answer without one: signIn() refuses it, and the planted token is sent nowhere', async () => {
    await h.context.addInitScript(() => {
      ;(Object.prototype as Record<string, unknown>).result = {
        token: 'planted-token',
        storefrontLoginToken: 'planted',
        user: { id: 9, bcId: 1 },
      }
    })
    h.sim.fault('login', { status: 200, body: JSON.stringify({ data: { login: {} } }) })
    const page = await h.open('/', { hint: false })
    const outcome = await page.evaluate(() =>
      window.b2bAuth.signIn({ email: 'ada.buyer@example.com', password: 'ada-password' }).then(
        () => 'signed in',
        (error: { code?: string }) => error.code,
      ),
    )
    expect(outcome).toBe('invalid_response')
    expect(h.sim.log.filter((e) => String(e.headers.authorization ?? '').includes('planted'))).toEqual([])
    expect(await storedTokens(page)).toEqual([])
  })

  it("customerId on it, and a tag without data-customer-id: current.jwt is asked, another customer's cached token never served", async () => {
    await h.signIn(2)
    const first = await h.open('/first')
    expect(customerOf((await getToken(first)).token)).toBe(2)
    await h.signIn(1)
    await h.context.addInitScript(() => {
      ;(Object.prototype as Record<string, unknown>).customerId = '2'
    })
    h.sim.log.length = 0
    const page = await h.open('/second', { hint: false })
    expect(customerOf((await getToken(page)).token)).toBe(1)
    expect(counts()).toEqual({ jwt: 1, graphql: 1 })
  })

  it('forceRefresh and signal on it: a warm page view still sends nothing, and nothing is aborted', async () => {
    await h.signIn(1)
    const first = await h.open('/first')
    const { token } = await getToken(first)
    await h.context.addInitScript(() => {
      ;(Object.prototype as Record<string, unknown>).forceRefresh = true
    })
    h.sim.log.length = 0
    const page = await h.open('/second')
    expect(await getToken(page)).toEqual({ token })
    expect(await getToken(page)).toEqual({ token })
    // An aborted signal on the prototype (set only now: it would stop the page's own listeners too).
    const answers = await page.evaluate(async () => {
      const proto = Object.prototype as Record<string, unknown>
      proto.signal = AbortSignal.abort()
      try {
        const token = await window.b2bAuth.getB2BToken()
        const data = await window.b2bAuth.b2bGraphQL<{ customerInfo: { userType: number } }>('{ customerInfo { userType } }')
        return [token, data.customerInfo.userType]
      } finally {
        delete proto.signal
      }
    })
    expect(answers).toEqual([token, 3])
    expect(counts()).toEqual({ jwt: 0, graphql: 1 })
  })
})

describe('a decoy script tag', () => {
  const csp = { 'Content-Security-Policy': "script-src 'nonce-r4nd0m' 'strict-dynamic'; object-src 'none'; base-uri 'none'" }
  it.each([
    ['an inert <script type="text/plain"> with the module URL before the real tag', 'type="text/plain"', undefined],
    // After the real tag: Chromium (150) fails every module script of a URL once CSP has blocked one
    // (they share one module map entry), so a blocked decoy before the real tag stops the module
    // loading at all, which no code of its own can help.
    ['a module tag the nonce CSP blocked, after the real tag', 'type="module"', csp],
    ['a second module tag after the real one', 'type="module"', undefined],
  ])('%s, naming another endpoint: a config error saying so, and nothing sent anywhere', async (_, type, headers) => {
    await h.signIn(1)
    const decoy = `<script ${type} src="/dist/stencil-b2b-auth.js" data-graphql-endpoint="${EVIL}" data-customer-id="2"></script>`
    const page = await openRaw(
      '/',
      (ctx) => {
        const tag = tagOf(ctx, headers ? 'nonce="r4nd0m"' : '')
        return `<!doctype html><title>Storefront</title>${type.includes('plain') ? decoy + tag : tag + decoy}`
      },
      headers,
    )
    await ready(page)
    expect(await settled(page)).toBe('error')
    expect((await status(page)).error).toEqual({
      code: 'config',
      message: expect.stringMatching(/^Several <script> tags load stencil-b2b-auth\.js with different data-\* attributes: keep one tag/),
    })
    expect((await getToken(page)).error?.code).toBe('config')
    expect(counts()).toEqual({ jwt: 0, graphql: 0 })
    expect(foreign).toEqual([])
  })

  it('the same tag twice (a partial included twice): one tag, and the token', async () => {
    await h.signIn(1)
    const page = await openRaw('/', (ctx) => `<!doctype html><title>Storefront</title>${tagOf(ctx)}${tagOf(ctx)}`)
    await ready(page)
    expect(customerOf((await getToken(page)).token)).toBe(1)
    expect(counts()).toEqual({ jwt: 1, graphql: 1 })
  })
})

describe('the failure cooldown', () => {
  it('an entry planted for a day, or written while the clock was a day fast, blocks nothing', async () => {
    await h.signIn(1)
    const scope = `${h.sim.options.storeHash}|1`
    const now = Date.now()
    for (const planted of [
      // As the module wrote it before: no start, no customer.
      { scope, until: now + 24 * HOUR, code: 'http', message: 'Planted', details: {} },
      { scope, customer: '1', at: now + 24 * HOUR, until: now + 24 * HOUR + 30_000, code: 'http', message: 'Planted', details: {} },
      { scope, customer: '1', at: now - 6 * 60_000, until: now + 24 * HOUR, code: 'http', message: 'Planted', details: {} },
    ]) {
      const context = await h.newContext()
      await h.signIn(1, context)
      await context.addInitScript((entry) => {
        // Not on the about:blank a new tab starts with, where localStorage is refused.
        if (location.protocol === 'http:') localStorage.setItem('stencil-b2b-auth:cooldown', entry)
      }, JSON.stringify(planted))
      h.sim.log.length = 0
      const page = await h.open('/', {}, context)
      expect(customerOf((await getToken(page)).token)).toBe(1)
      expect(counts()).toEqual({ jwt: 1, graphql: 1 })
    }
  })

  it("one customer's cooldown, and the text it carries, never reaches another customer", async () => {
    await h.signIn(1)
    h.sim.fault('authorization', {
      status: 200,
      body: JSON.stringify({
        errors: [{ message: 'Your business account is pending approval: ada.buyer@example.com', extensions: { code: 403 } }],
      }),
    })
    const failed = await h.open('/failed')
    expect(await settled(failed)).toBe('error')
    // The same customer is paused: nothing sent.
    h.sim.log.length = 0
    const again = await h.open('/again')
    expect((await getToken(again)).error?.message).toMatch(/ada\.buyer@example\.com.*\(not retried for \d+ s\)$/)
    expect(counts()).toEqual({ jwt: 0, graphql: 0 })

    await h.signIn(2)
    const other = await h.open('/other')
    expect(customerOf((await getToken(other)).token)).toBe(2)
    expect((await status(other)).error).toBeNull()
    expect(JSON.stringify(await status(other))).not.toContain('ada.buyer')
  })
})

describe('IndexedDB', () => {
  it("a tab holding the database open never blocks another tab's deleteDatabase, and opens it again when next needed", async () => {
    await h.signIn(1)
    const holder = await h.open('/holder')
    await getToken(holder)
    const other = await h.open('/other')
    const outcome = await other.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const request = indexedDB.deleteDatabase('stencil-b2b-auth')
          request.onsuccess = () => resolve('deleted')
          request.onblocked = () => resolve('blocked')
        }),
    )
    expect(outcome).toBe('deleted')
    const { token } = await getToken(holder, { forceRefresh: true })
    expect((await storedTokens(other)).map((r) => r.token)).toEqual([token])
    expect((await status(holder)).storage).toBe('indexeddb')
  })

  it('a token stored while the device clock was a day fast is not served past its own exp once the clock is set right', async () => {
    await h.signIn(1)
    const start = Date.now()
    // The device clock runs 25 h ahead of the storefront's and the B2B API's when the token is minted.
    await h.context.clock.install({ time: start + 25 * HOUR })
    const first = await h.open('/first')
    const { token } = await getToken(first)
    await first.close()
    // 25 h later the device clock is right: the token expired an hour ago, by its own exp.
    h.sim.clockOffsetMs = 25 * HOUR + 2 * 60_000
    await h.context.clock.setSystemTime(start + 25 * HOUR + 2 * 60_000)
    h.sim.log.length = 0
    const later = await h.open('/later')
    const { token: renewed } = await getToken(later)
    expect(renewed).not.toBe(token)
    expect(counts()).toEqual({ jwt: 1, graphql: 1 })
  })

  it.each([
    ['numeric strings for its times', { obtainedAt: 'NOW', expiresAt: 'LATER' }],
    ['null for its start', { obtainedAt: null }],
    ['an endless life', { expiresAt: Infinity }],
  ])('a stored record with %s is not served', async (_, fields) => {
    await h.signIn(1)
    const first = await h.open('/first')
    const { token } = await getToken(first)
    const now = Date.now()
    await first.evaluate(
      ([patch, now]) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('stencil-b2b-auth')
          open.onsuccess = () => {
            const store = open.result.transaction('tokens', 'readwrite').objectStore('tokens')
            const cursor = store.openCursor()
            cursor.onsuccess = () => {
              const entry = cursor.result!
              const value = { ...entry.value }
              for (const [key, field] of Object.entries(patch)) {
                value[key] = field === 'NOW' ? String(now) : field === 'LATER' ? String(now + 3_600_000) : field
              }
              entry.update(value).onsuccess = () => resolve()
            }
            cursor.onerror = () => reject(cursor.error)
          }
        }),
      [fields, now] as const,
    )
    h.sim.log.length = 0
    const page = await h.open('/second')
    expect((await getToken(page)).token).not.toBe(token)
    expect(counts()).toEqual({ jwt: 1, graphql: 1 })
  })
})

describe("the page's globals", () => {
  it('elements with id="b2bAuth" and id="b2bAuthReady": window.b2bAuth works, the queue is reported once and works', async () => {
    await h.signIn(1)
    const page = await h.open('/', { body: '<div id="b2bAuth"></div><div id="b2bAuthReady"></div>' })
    expect(customerOf(await page.evaluate(() => window.b2bAuth.getB2BToken()))).toBe(1)
    const pushed = await page.evaluate(
      () => new Promise((resolve) => window.b2bAuthReady.push((b2bAuth) => resolve(typeof b2bAuth.getB2BToken))),
    )
    expect(pushed).toBe('function')
    expect(h.consoleLines.filter((line) => line.includes('b2bAuthReady'))).toEqual(['[b2b-auth] b2bAuthReady is not an array'])
  })

  it('a b2bAuthReady that is not an array: reported once, and a callback pushed later runs', async () => {
    await h.signIn(1)
    await h.context.addInitScript(() => {
      ;(window as unknown as { b2bAuthReady: unknown }).b2bAuthReady = {}
    })
    const page = await h.open('/')
    const token = await page.evaluate(() => new Promise((resolve) => window.b2bAuthReady.push((b2bAuth) => resolve(b2bAuth.getB2BToken()))))
    expect(customerOf(token as string)).toBe(1)
    expect(h.consoleLines.filter((line) => line.includes('b2bAuthReady'))).toEqual(['[b2b-auth] b2bAuthReady is not an array'])
  })

  it('a getter-only window.b2bAuth: nothing thrown at load, queued callbacks get the API, the named exports work', async () => {
    await h.signIn(1)
    await h.context.addInitScript(() => {
      Object.defineProperty(window, 'b2bAuth', { get: () => undefined, configurable: false })
      const w = window as unknown as { b2bAuthReady: unknown[]; queued: Promise<string | null> }
      w.b2bAuthReady = [(b2bAuth: typeof window.b2bAuth) => (w.queued = b2bAuth.getB2BToken())]
    })
    const page = await openRaw('/', (ctx) => storefrontPage(ctx))
    await page.waitForFunction(() => (window as unknown as { queued?: unknown }).queued !== undefined)
    expect(customerOf(await page.evaluate(() => (window as unknown as { queued: Promise<string> }).queued))).toBe(1)
    // A string, so that the test runner leaves the page's import() alone.
    const state = await page.evaluate("import('/dist/stencil-b2b-auth.js').then((module) => module.getB2BStatus().state)")
    expect(state).toBe('ready')
    expect(h.consoleLines).toContain('[b2b-auth] window.b2bAuth is taken')
  })

  it('new BroadcastChannel and navigator.locks that throw: nothing thrown at load, and the token all the same', async () => {
    await h.signIn(1)
    await h.context.addInitScript(() => {
      const refuse = () => {
        throw new DOMException('Refused in this frame', 'SecurityError')
      }
      window.BroadcastChannel = refuse as unknown as typeof BroadcastChannel
      Object.defineProperty(Navigator.prototype, 'locks', { get: refuse, configurable: true })
    })
    const page = await h.open('/')
    expect(customerOf((await getToken(page)).token)).toBe(1)
  })
})

describe('token text that the server echoes', () => {
  it('an authorization error whose code and fields echo the JWT: redacted in the rejection, the status and the console', async () => {
    await h.signIn(1)
    h.sim.fault('authorization', {
      status: 200,
      body: (request) => {
        const jwt = String(request.variables?.bcToken)
        return JSON.stringify({ errors: [{ message: `Bad token ${jwt.split('.')[2]}`, extensions: { code: jwt, jwt }, path: [jwt] }] })
      },
    })
    const page = await h.open('/', { hint: false })
    const { error } = await page.evaluate(async () => {
      try {
        return { error: undefined, value: await window.b2bAuth.getB2BToken() }
      } catch (e) {
        return { error: JSON.parse(JSON.stringify({ ...(e as object), message: (e as Error).message })) as Record<string, unknown> }
      }
    })
    expect(error).toMatchObject({
      code: 'graphql',
      graphqlCode: '[redacted]',
      errors: [{ message: 'Bad token [redacted]', code: '[redacted]' }],
    })
    const jwt = h.sim.issuedJwts[0]!
    const everything = [JSON.stringify(error), JSON.stringify(await status(page)), ...h.consoleLines].join('\n')
    for (const part of [jwt, ...jwt.split('.')]) expect(everything).not.toContain(part)
  })

  it('a b2bGraphQL() error whose code echoes the Bearer token: redacted', async () => {
    await h.signIn(1)
    const page = await h.open('/')
    const { token } = await getToken(page)
    h.sim.fault('customerInfo', {
      status: 200,
      body: (request) => {
        const bearer = String(request.headers.authorization).slice('Bearer '.length)
        return JSON.stringify({ errors: [{ message: 'Nope', extensions: { code: bearer } }] })
      },
    })
    const rejected = await page.evaluate(() =>
      window.b2bAuth.b2bGraphQL('{ customerInfo { userType } }').then(
        () => undefined,
        (e: { code: string; graphqlCode: unknown; errors: unknown; message: string }) => ({
          code: e.code,
          graphqlCode: e.graphqlCode,
          errors: e.errors,
          message: e.message,
        }),
      ),
    )
    expect(rejected).toEqual({
      code: 'graphql',
      graphqlCode: '[redacted]',
      errors: [{ message: 'Nope', code: '[redacted]' }],
      message: 'B2B GraphQL request failed: Nope (code [redacted])',
    })
    expect([JSON.stringify(rejected), ...h.consoleLines].join('\n')).not.toContain(token!)
  })
})

describe('many tabs, one mint', () => {
  it('20 tabs opened at once while the mint is under way: one mint, and every tab gets its token', { timeout: 90_000 }, async () => {
    await h.signIn(1)
    const release = gate()
    h.sim.fault('authorization', { until: release.promise })
    // What is under test is the tabs waiting for one mint, held by the simulator until all 20
    // wait, not the request deadline: 20 tabs starting at once on a busy machine take seconds.
    const pages = await Promise.all(
      Array.from({ length: 20 }, (_, i) => h.open(`/tab-${i}`, { attributes: { 'data-timeout-ms': '30000' } })),
    )
    const pending = Promise.all(pages.map((page) => getToken(page)))
    for (const page of pages) await waitFor(page, () => window.b2bAuth.getB2BStatus().state === 'loading')
    expect(h.sim.count('authorization')).toBe(1)
    release.resolve()
    const tokens = await pending
    expect(tokens.filter((t) => !t.token)).toEqual([])
    expect(new Set(tokens.map((t) => t.token)).size).toBe(1)
    expect(customerOf(tokens[0]!.token)).toBe(1)
    expect(h.sim.count('authorization')).toBe(1)
  })
})
