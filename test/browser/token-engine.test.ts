import { describe, expect, it } from 'vitest'
import { decodeUnverified, signHs256 } from '../sim/jwt'
import { getToken, loadedModuleFiles, settled, storedTokens, useBrowser } from './harness'
import { expectNoPageErrors, status, statusCustomerId } from './support'

const h = useBrowser()

const b2bRequests = () => h.sim.log.filter((r) => r.server === 'b2b')
const sentToStorefront = (path: string) => h.sim.log.filter((r) => r.server === 'storefront' && r.path === path)

describe('cold sign-in', () => {
  it('makes exactly one current.jwt request and one authorization mutation, and stores the token', async () => {
    await h.signIn(1)
    const page = await h.open('/')
    expect(await settled(page)).toBe('ready')
    const { token } = await getToken(page)

    expect(h.sim.count('current.jwt')).toBe(1)
    expect(h.sim.count('authorization')).toBe(1)
    expect(token).toBe(h.sim.issuedTokens[0])

    const [jwtRequest] = sentToStorefront('/customer/current.jwt')
    // The Buyer Portal's production id (bigcommerce/b2b-buyer-portal
    // `apps/storefront/src/shared/service/request/base.ts`), the default.
    expect(jwtRequest?.query.app_client_id).toBe('qxvapwlk4fbb9dyogdcxk9o50d9jqjo')
    expect(String(jwtRequest?.headers.cookie)).toContain('SHOP_SESSION_TOKEN=')

    const mutation = b2bRequests().find((r) => r.method === 'POST')
    expect(mutation?.variables).toEqual({ bcToken: h.sim.issuedJwts[0], channelId: 1 })
    expect(mutation?.headers.cookie).toBeUndefined()
    expect(mutation?.headers['content-type']).toBe('application/json')

    const [record] = await storedTokens(page)
    expect(record).toMatchObject({ token, customerId: '1', channelId: 1, storeHash: h.sim.options.storeHash })
    expect(record!.expiresAt - record!.obtainedAt).toBe(86_400_000)
    expect(await status(page)).toMatchObject({
      state: 'ready',
      customerId: '1',
      storage: 'indexeddb',
      error: null,
    })
  })

  it('asks current.jwt afresh each time, never from the HTTP cache', async () => {
    await h.signIn(1)
    const page = await h.open('/')
    await settled(page)
    // The simulator marks current.jwt cacheable for five minutes on purpose.
    await getToken(page, { forceRefresh: true })
    await getToken(page, { forceRefresh: true })
    expect(h.sim.count('current.jwt')).toBe(3)
    expect(h.sim.count('authorization')).toBe(3)
  })
})

describe('warm page views', () => {
  it('a cold page loads the flow chunk beside the entry, by a URL relative to it', async () => {
    await h.signIn(1)
    const page = await h.open('/')
    await settled(page)
    expect(await loadedModuleFiles(page)).toEqual(['stencil-b2b-auth.js', expect.stringMatching(/^stencil-b2b-auth-flow-[\w-]+\.js$/)])
  })

  it('a missing flow chunk (only the entry deployed) is a clear network error, not a broken page', async () => {
    await h.context.route(/stencil-b2b-auth-flow-/, (route) => route.fulfill({ status: 404, body: 'Not found' }))
    await h.signIn(1)
    const page = await h.open('/')
    expect(await settled(page)).toBe('error')
    const { error } = await getToken(page)
    expect(error?.code).toBe('network')
    expect(error?.message).toContain('deploy every file of dist/')
    await expectNoPageErrors(h)
  })

  it('another tab of the same browser uses the stored token with no request', async () => {
    await h.signIn(1)
    const first = await h.open('/')
    await settled(first)
    const { token } = await getToken(first)
    h.sim.log.length = 0

    const second = await h.open('/other')
    expect(await getToken(second)).toEqual({ token })
    expect(h.sim.count('current.jwt')).toBe(0)
    expect(h.sim.count('graphql')).toBe(0)
  })

  it('without the customer id asks current.jwt once, then uses the stored token: no mint', async () => {
    await h.signIn(1)
    const page = await h.open('/')
    await settled(page)
    const { token } = await getToken(page)
    h.sim.log.length = 0

    const unhinted = await h.open('/unhinted', { hint: false })
    expect(await getToken(unhinted)).toEqual({ token })
    expect(h.sim.count('current.jwt')).toBe(1)
    expect(h.sim.count('authorization')).toBe(0)
  })
})

describe('guests and customer changes', () => {
  it('signing out deletes the stored token; signing in as another customer never gets the first one', async () => {
    await h.signIn(1)
    const page = await h.open('/')
    await settled(page)
    const first = (await getToken(page)).token
    expect(await storedTokens(page)).toHaveLength(1)

    await h.signOut()
    await page.reload()
    expect(await settled(page)).toBe('guest')
    expect(await storedTokens(page)).toEqual([])

    await h.signIn(2)
    await page.reload()
    expect(await settled(page)).toBe('ready')
    const second = (await getToken(page)).token
    expect(second).not.toBe(first)
    expect(second).toBe(h.sim.issuedTokens[1])
    expect(await statusCustomerId(page)).toBe('2')
  })

  it('without the customer id, a 404 from current.jwt means guest and drops stored tokens', async () => {
    await h.signIn(1)
    const page = await h.open('/')
    await settled(page)
    await h.signOut()
    const unhinted = await h.open('/unhinted', { hint: false })
    expect(await settled(unhinted)).toBe('guest')
    expect(await getToken(unhinted)).toEqual({ token: null })
    expect(await storedTokens(unhinted)).toEqual([])
  })

  it('without the customer id, a different signed-in customer gets their own token', async () => {
    await h.signIn(1)
    const page = await h.open('/')
    await settled(page)
    const first = (await getToken(page)).token
    await h.signIn(2)
    const unhinted = await h.open('/unhinted', { hint: false })
    const second = (await getToken(unhinted)).token
    expect(second).not.toBe(first)
    expect(decodeUnverified(second!)?.claims.bc_customer_id).toBe(2)
  })
})

describe('many callers, one flow', () => {
  it('100 concurrent callers share one current.jwt request and one mutation', async () => {
    await h.signIn(1)
    const page = await h.open('/concurrent', { hint: false })
    const tokens = await page.evaluate(() => Promise.all(Array.from({ length: 100 }, () => window.b2bAuth.getB2BToken())))
    expect(new Set(tokens).size).toBe(1)
    expect(tokens[0]).toBe(h.sim.issuedTokens[0])
    expect(h.sim.count('current.jwt')).toBe(1)
    expect(h.sim.count('authorization')).toBe(1)
  })

  it('the bundle loaded twice, and imported by the theme code, shares one instance and one flow', async () => {
    await h.signIn(1)
    const page = await h.open('/twice', {
      body: `<script type="module" src="/dist/stencil-b2b-auth.js?copy=2"></script>
<script type="module">
  import * as themeCopy from '/dist/stencil-b2b-auth.js?copy=3'
  window.themeToken = themeCopy.getB2BToken()
</script>`,
    })
    const [fromWindow, fromTheme] = await page.evaluate(async () => [
      await window.b2bAuth.getB2BToken(),
      await (window as unknown as { themeToken: Promise<string> }).themeToken,
    ])
    expect(fromTheme).toBe(fromWindow)
    expect(h.sim.count('current.jwt')).toBe(1)
    expect(h.sim.count('authorization')).toBe(1)
  })
})

describe('config errors', () => {
  // Each attribute's check is a unit test (settings.test.ts, config.test.ts); here, one, on a page.
  it.each([['data-channel-id', 'first']])(
    '%s="%s" is a config error naming the attribute; nothing is sent, the page keeps working',
    async (name, value) => {
      await h.signIn(1)
      const page = await h.open('/bad', { attributes: { [name]: value } })
      // The endpoint is checked when the network is first needed: on this cold page, at once.
      expect(await settled(page)).toBe('error')
      const current = await status(page)
      expect(current.state).toBe('error')
      expect(current.error?.code).toBe('config')
      expect(current.error?.message).toContain(name)
      const { error } = await getToken(page)
      expect(error).toMatchObject({ code: 'config', name: 'B2BAuthError' })
      expect(h.sim.count('current.jwt')).toBe(0)
      expect(h.sim.count('graphql')).toBe(0)
      expect(h.consoleLines.some((line) => line.includes('[b2b-auth]') && line.includes(name))).toBe(true)
      await expectNoPageErrors(h)
    },
  )
})

describe('the real world', () => {
  it('a wrong data-client-id surfaces the B2B API error as client_id, with its code, and tries no other id', async () => {
    await h.signIn(1)
    // An app the storefront issues JWTs for, but the B2B API does not accept.
    h.sim.options.clientSecrets.anotherappclientid = 'another-secret'
    const page = await h.open('/client', { attributes: { 'data-client-id': 'anotherappclientid' } })
    expect(await settled(page)).toBe('error')
    const { error } = await getToken(page)
    expect(error?.code).toBe('client_id')
    expect(error?.message).toContain('Signature verification failed')
    expect(error?.message).toContain('data-client-id')
    expect(h.sim.log.filter((r) => r.path === '/customer/current.jwt').map((r) => r.query.app_client_id)).toEqual(['anotherappclientid'])
    delete h.sim.options.clientSecrets.anotherappclientid
  })

  it('never shows token or JWT text in the console, the DOM, the change events, a request URL or a rejection', async () => {
    await h.context.addInitScript(() => {
      const w = window as unknown as { changeEvents: string[] }
      w.changeEvents = []
      addEventListener('b2b-auth:change', (event) => w.changeEvents.push(JSON.stringify((event as CustomEvent).detail)))
    })
    await h.signIn(1)
    const page = await h.open('/', { hint: false })
    await settled(page)
    await getToken(page, { forceRefresh: true })
    await page.evaluate(() => window.b2bAuth.clearB2BToken())
    expect([...h.sim.issuedTokens, ...h.sim.issuedJwts]).toHaveLength(4)

    // Failures whose answers echo what they were sent, or carry a JWT of their own.
    const [jwt, token] = [h.sim.issuedJwts[0]!, h.sim.issuedTokens[0]!]
    const echo = (message: string, code: number) => JSON.stringify({ errors: [{ message, extensions: { code } }] })
    const otherAppJwt = signHs256({ customer: { id: 1 }, aud: 'anotherappclientid', store_hash: h.sim.options.storeHash }, 'secret')
    const rejection = (call: 'refresh' | 'query') =>
      page.evaluate(async (what) => {
        try {
          await (what === 'refresh'
            ? window.b2bAuth.getB2BToken({ forceRefresh: true })
            : window.b2bAuth.b2bGraphQL('{ customerInfo { userType } }'))
          return { code: 'resolved', text: '' }
        } catch (error) {
          const e = error as { code: string; message: string }
          return { code: e.code, text: `${e.message} ${JSON.stringify(e)}` }
        }
      }, call)
    const rejections = []
    // Once for each known client id: the answer points at the JWT's app, so the other id is tried.
    h.sim.fault('authorization', { status: 200, body: echo(`Invalid bcToken ${jwt}`, 401) }, 2)
    rejections.push(await rejection('refresh'))
    h.sim.fault('customerInfo', { status: 200, body: echo(`Permission denied for ${token}`, 403) })
    rejections.push(await rejection('query'))
    h.sim.fault('customerInfo', { status: 200, body: echo(`Token ${token} has expired`, 40101) }, 2)
    rejections.push(await rejection('query'))
    h.sim.fault('current.jwt', { status: 200, contentType: 'text/plain', body: otherAppJwt })
    rejections.push(await rejection('refresh'))
    h.sim.fault('current.jwt', { status: 500, body: `upstream failed for ${jwt}` }, 3)
    rejections.push(await rejection('refresh'))
    expect(rejections.map((r) => r.code)).toEqual(['client_id', 'client_id', 'client_id', 'jwt_audience', 'http'])

    const events = await page.evaluate(() => (window as unknown as { changeEvents: string[] }).changeEvents)
    expect(events.length).toBeGreaterThan(3)
    const html = await page.content()
    const urls = h.sim.log.map((r) => `${r.path} ${JSON.stringify(r.query)}`)
    const secrets = [...h.sim.issuedTokens, ...h.sim.issuedJwts, otherAppJwt]
    for (const secret of secrets) {
      const body = secret.split('.')[1] ?? secret
      for (const text of [...h.consoleLines, ...events, html, ...urls, ...rejections.map((r) => r.text)]) expect(text).not.toContain(body)
    }
    await expectNoPageErrors(h)
  })
})
