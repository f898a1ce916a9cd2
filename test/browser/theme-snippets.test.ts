import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { LEGACY_CLIENT_ID, PORTAL_CLIENT_ID } from '../sim'
import { getToken, settled, useBrowser } from './harness'
import {
  bundleLikeCornerstone,
  example,
  layout,
  renderStencil,
  snippet,
  type Bundle,
  type LayoutOptions,
  type StencilContext,
} from './stencil'
import { failOnPageErrors, openServed, runAxe, serious, status } from './support'

const h = useBrowser()
const NONCE = 'r4nd0mN0nce'
const VERSION = 'a1b2c3'
// Scripts run only with the page's nonce, as on a store with a strict CSP; what a trusted script
// loads (the module's chunks, webpack's chunks) is allowed by 'strict-dynamic'.
const CSP = { 'Content-Security-Policy': `script-src 'nonce-${NONCE}' 'strict-dynamic'; object-src 'none'; base-uri 'none'` }
const JS = { 'Content-Type': 'text/javascript; charset=utf-8' }
const DIST = join(import.meta.dirname, '../../dist')

const partials = {
  'components/b2b-auth': snippet('templates/components/b2b-auth.html'),
  'components/b2b-sign-in-form': snippet('templates/components/b2b-sign-in-form.html'),
}

failOnPageErrors(h)

/** The context a store renders for: the sim's store, its CDN, a theme version, the nonce, channel 1. */
const storeContext = (ctx: Partial<StencilContext> = {}): StencilContext => ({
  storeHash: h.sim.options.storeHash,
  cdnUrl: h.sim.storefrontUrl,
  themeVersion: VERSION,
  nonce: NONCE,
  channelId: 1,
  ...ctx,
  // The simulated B2B endpoint, as a staging store would set it in the theme settings.
  themeSettings: { b2b_auth_graphql_endpoint: h.sim.b2bUrl, ...ctx.themeSettings },
})

/** Renders the base layout (with the b2b-auth partial) as the store would for `ctx`. */
function render(body: string | LayoutOptions, ctx: Partial<StencilContext> = {}): Promise<string> {
  return renderStencil({ 'layout/base': layout(body), ...partials }, 'layout/base', storeContext(ctx))
}

/** Serves rendered HTML at `path` (with the CSP, unless `csp` is false) and opens it; waits for window.b2bAuth. */
function visit(path: string, html: string, csp = true): Promise<Page> {
  return openServed(h, path, { html, ...(csp ? { headers: CSP } : {}) })
}

const tagOf = (html: string) => /<script type="module"[^>]*\ssrc="[^"]*stencil-b2b-auth\.js"[^>]*>/.exec(html)?.[0] ?? ''
const b2bPosts = (operation: string) => h.sim.log.filter((r) => r.server === 'b2b' && r.method === 'POST' && r.operation === operation)

describe('the b2b-auth partial, rendered by stencil-paper', () => {
  it('for a signed-in customer: nonce, CDN path, customer, store and channel; one current.jwt, one mutation', async () => {
    await h.signIn(1)
    const html = await render('', { customerId: 1 })
    const tag = tagOf(html)
    expect(tag).toContain(`nonce="${NONCE}"`)
    expect(tag).toContain(`src="${h.sim.storefrontUrl}/stencil/${VERSION}/dist/stencil-b2b-auth.js"`)
    expect(tag).toContain('data-customer-id="1"')
    expect(tag).toContain(`data-store-hash="${h.sim.options.storeHash}"`)
    expect(tag).toContain('data-channel-id="1"')
    expect(tag).not.toContain('data-badge')
    expect(tag).not.toContain('data-client-id')
    const page = await visit('/signed-in', html)
    expect((await getToken(page)).token).toBe(h.sim.issuedTokens[0])
    expect(h.sim.count('current.jwt')).toBe(1)
    expect(h.sim.count('authorization')).toBe(1)
    // The chunk came from beside the entry, on the CDN path.
    expect(h.sim.log.some((r) => r.path.startsWith(`/stencil/${VERSION}/dist/stencil-b2b-auth-flow-`))).toBe(true)
  })

  it('for a guest: null, and nothing sent to either endpoint', async () => {
    const html = await render('')
    expect(tagOf(html)).toContain('data-customer-id=""')
    const page = await visit('/guest', html)
    expect(await settled(page)).toBe('guest')
    expect(await getToken(page)).toEqual({ token: null })
    expect(h.sim.count('current.jwt')).toBe(0)
    expect(h.sim.count('graphql')).toBe(0)
  })

  it('on channel 2: the tag says so, and the mutation asks for channel 2', async () => {
    await h.signIn(1)
    const html = await render('', { customerId: 1, channelId: 2 })
    expect(tagOf(html)).toContain('data-channel-id="2"')
    const page = await visit('/channel-2', html)
    expect((await getToken(page)).token).toBe(h.sim.issuedTokens[0])
    expect(b2bPosts('authorization').map((r) => r.variables?.channelId)).toEqual([2])
  })

  it('without settings.channel_id in the context: leaves the attribute out (it would render empty), and channel 1 is used', async () => {
    // What Stencil renders for the missing key: empty, which the module refuses as a channel.
    const bare = await renderStencil({ t: 'data-channel-id="{{settings.channel_id}}"' }, 't', { storeHash: 'abc', cdnUrl: '' })
    expect(bare).toBe('data-channel-id=""')
    await h.signIn(1)
    const { channelId: _, ...noChannel } = storeContext({ customerId: 1 })
    const html = await renderStencil({ 'layout/base': layout(''), ...partials }, 'layout/base', noChannel)
    expect(tagOf(html)).not.toContain('data-channel-id')
    const page = await visit('/no-channel', html)
    expect((await getToken(page)).token).toBe(h.sim.issuedTokens[0])
    expect(b2bPosts('authorization').map((r) => r.variables?.channelId)).toEqual([1])
  })

  it("has a Page Builder field for each theme setting, shaped like Cornerstone's schema.json", () => {
    const { settings } = JSON.parse(snippet('config.json')) as { settings: Record<string, unknown> }
    const sections = JSON.parse(snippet('schema.json')) as { name: string; settings: { type: string; id?: string; label?: string }[] }[]
    const fields = sections.flatMap((section) => section.settings).filter((field) => field.id)
    expect(fields.map((field) => field.id).sort()).toEqual(Object.keys(settings).sort())
    for (const field of fields) expect(typeof settings[field.id!]).toBe(field.type === 'checkbox' ? 'boolean' : 'string')
    expect(fields.find((field) => field.id === 'b2b_auth_badge')).toMatchObject({ type: 'checkbox', label: 'B2B auth status badge' })
    expect(settings.b2b_auth_badge).toBe(false)
  })

  it('switches data-badge with the b2b_auth_badge theme setting (config.json: off)', async () => {
    expect(tagOf(await render('', { themeSettings: { b2b_auth_badge: true } }))).toMatch(/\sdata-badge>/)
    expect(tagOf(await render('', { themeSettings: { b2b_auth_badge: false } }))).not.toContain('data-badge')
    expect(tagOf(await render(''))).not.toContain('data-badge')
  })

  it('sends the client id of the b2b_auth_client_id theme setting to current.jwt, and none when it is empty', async () => {
    expect(tagOf(await render(''))).not.toContain('data-client-id')
    await h.signIn(1)
    const html = await render('', { customerId: 1, themeSettings: { b2b_auth_client_id: LEGACY_CLIENT_ID } })
    expect(tagOf(html)).toContain(`data-client-id="${LEGACY_CLIENT_ID}"`)
    const page = await visit('/client-id', html)
    await getToken(page)
    expect(h.sim.log.filter((r) => r.path === '/customer/current.jwt').map((r) => r.query.app_client_id)).toEqual([LEGACY_CLIENT_ID])
  })

  it('under `stencil start` (no theme version), loads from /assets/dist/', async () => {
    await h.signIn(1)
    const { themeVersion: _, ...local } = storeContext({ customerId: 1 })
    const html = await renderStencil({ 'layout/base': layout({ partial: 'head' }), ...partials }, 'layout/base', local)
    expect(tagOf(html)).toContain('src="/assets/dist/stencil-b2b-auth.js"')
    const page = await visit('/stencil-start', html)
    expect((await getToken(page)).token).toBe(h.sim.issuedTokens[0])
    expect(h.sim.log.some((r) => r.path.startsWith('/assets/dist/stencil-b2b-auth-flow-'))).toBe(true)
  })

  it('a module that does not load (a CDN that refuses CORS) says so in one console line, naming the fix', async () => {
    // Served from the B2B origin, which sends no Access-Control-Allow-Origin for a script: as a
    // theme CDN without CORS would.
    const html = await render('', { customerId: 1, cdnUrl: h.sim.b2bUrl.replace(/\/graphql$/, '') })
    expect(tagOf(html)).toContain(`src="${h.sim.b2bUrl.replace(/\/graphql$/, '')}/stencil/`)
    const page = await openServed(h, '/no-cors', { html, headers: CSP, ready: false })
    await page.waitForFunction(() => document.readyState === 'complete')
    expect(await page.evaluate(() => typeof window.b2bAuth)).toBe('undefined')
    await expect
      .poll(() => h.consoleLines.filter((line) => line.startsWith('[b2b-auth]')))
      .toEqual([
        expect.stringMatching(/^\[b2b-auth\] stencil-b2b-auth\.js did not load\. A CORS error above: .*serve dist\/ from the storefront/),
      ])
  })

  it('a module that loads says nothing of the kind', async () => {
    const page = await visit('/loaded', await render('', { customerId: 1 }))
    await page.waitForFunction(() => document.readyState === 'complete')
    expect(h.consoleLines.filter((line) => line.includes('did not load'))).toEqual([])
  })

  it('a template that does not render fails the render (and so the test)', async () => {
    const ctx = { storeHash: 'abc', cdnUrl: '' }
    await expect(renderStencil({ t: '{{> components/b2b-missing}}' }, 't', ctx)).rejects.toThrow(/b2b-missing/)
    await expect(renderStencil({ t: '{{#if customer.id}}' }, 't', ctx)).rejects.toThrow()
    await expect(renderStencil({ t: '{{nonce}}{{cdn}}' }, 't', ctx)).rejects.toThrow()
  })
})

describe('the Script Manager version', () => {
  // What a merchant pastes, with the CDN folder replaced by the simulator's dist/ (as the README
  // says to) and the simulated B2B endpoint added the way a staging store would.
  const scriptManager = () =>
    snippet('script-manager.html')
      .replaceAll('https://cdn.example.com/stencil-b2b-auth/0.1.0/', `${h.sim.storefrontUrl}/dist/`)
      .replace('data-store-hash=', `data-graphql-endpoint="${h.sim.b2bUrl}"\n    data-store-hash=`)

  it('has a placeholder CDN URL, no cdn helper and no nonce', () => {
    const tag = /<script[\s\S]*?<\/script>/.exec(snippet('script-manager.html'))?.[0] ?? ''
    expect(tag).toContain('src="https://cdn.example.com/stencil-b2b-auth/0.1.0/stencil-b2b-auth.js"')
    expect(tag).not.toMatch(/\{\{\s*(cdn|nonce)\b/)
  })

  it.each([
    ['a signed-in customer', 1],
    ['a guest', undefined],
  ] as const)('renders and works for %s', async (_, customerId) => {
    if (customerId) await h.signIn(customerId)
    // Script Manager content goes where {{{footer.scripts}}} is, here without the theme's partial.
    const { nonce: _nonce, themeSettings: _settings, ...ctx } = storeContext(customerId ? { customerId } : {})
    const html = await renderStencil(
      { 'layout/base': `<!doctype html><html><body><h1>Store</h1>${scriptManager()}</body></html>` },
      'layout/base',
      ctx,
    )
    const tag = tagOf(html)
    expect(tag).toContain(`data-customer-id="${customerId ?? ''}"`)
    expect(tag).toContain(`data-store-hash="${h.sim.options.storeHash}"`)
    expect(tag).toContain('data-channel-id="1"')
    const page = await visit('/script-manager', html, false)
    const { token } = await getToken(page)
    if (customerId) {
      expect(token).toBe(h.sim.issuedTokens[0])
      expect(h.sim.count('current.jwt')).toBe(1)
      expect(h.sim.count('authorization')).toBe(1)
    } else {
      expect(token).toBeNull()
      expect(h.sim.count('current.jwt')).toBe(0)
      expect(h.sim.count('graphql')).toBe(0)
    }
  })
})

describe('every way theme code gets the token shares the one instance', () => {
  it('an inline ES module and a classic script that runs first get the same token: one mutation in all', async () => {
    await h.signIn(1)
    // The classic example hands the token to a widget of the theme's: this stands in for it.
    await h.context.addInitScript(() => {
      const w = window as unknown as { myB2BWidget: { init(o: { b2bToken: string }): void }; widgetToken?: string }
      w.myB2BWidget = { init: (options) => void (w.widgetToken = options.b2bToken) }
    })
    // The classic script comes before the partial, so it runs before the module has loaded.
    const html = await render(snippet('examples/classic-script.html') + snippet('examples/es-module.html'), { customerId: 1 })
    const page = await visit('/examples', html)
    await page.waitForFunction(() => (window as unknown as { widgetToken?: string }).widgetToken)
    await page.waitForFunction(() => document.documentElement.classList.contains('is-b2b-company-user'))
    expect(await page.evaluate(() => (window as unknown as { widgetToken: string }).widgetToken)).toBe(h.sim.issuedTokens[0])
    // The ES module's b2bGraphQL() went out with that same token.
    expect(b2bPosts('customerInfo').map((r) => r.headers.authorization)).toEqual([`Bearer ${h.sim.issuedTokens[0]}`])
    expect((await getToken(page)).token).toBe(h.sim.issuedTokens[0])
    expect(h.sim.count('current.jwt')).toBe(1)
    expect(h.sim.count('authorization')).toBe(1)
  })

  describe("the theme's own webpack bundle (examples/theme-bundle.js, examples/b2b-graphql.js)", () => {
    let bundle: Bundle
    let packageDist: Map<string, string>
    beforeAll(async () => {
      packageDist = new Map(
        readdirSync(DIST)
          .filter((f) => f.endsWith('.js'))
          .map((f) => [f, readFileSync(join(DIST, f), 'utf8')]),
      )
      // A Cornerstone assets/js/app.js using the examples as its page code would.
      bundle = await bundleLikeCornerstone(`
import { b2bHeaders, followB2BSignIn, showCompanyName } from ${JSON.stringify(example('theme-bundle.js'))}
import { whoAmI } from ${JSON.stringify(example('b2b-graphql.js'))}
followB2BSignIn()
window.themeCompanyShown = showCompanyName(document.querySelectorAll('[data-b2b-company]'))
window.themeB2B = { b2bHeaders, whoAmI }
`)
    })

    /** Serves the theme's assets/dist (its bundle, and the module's files copied in) from the CDN path. */
    function deploy() {
      for (const [file, code] of bundle) h.sim.setPage(`/stencil/${VERSION}/dist/${file}`, () => code, JS)
    }
    const themePage = (ctx: Partial<StencilContext>, themeBundle: 'sync' | 'async') =>
      render({ partial: 'head', themeBundle, body: '<p>Company: <span data-b2b-company></span></p>' }, ctx)

    it("is a classic script with chunks of its own, and the README's copy step puts every file of dist/ beside it", () => {
      expect([...bundle.keys()]).toContain('theme-bundle.main.js')
      expect([...bundle.keys()].filter((f) => f.startsWith('theme-bundle.chunk.')).length).toBeGreaterThan(0)
      expect(bundle.get('theme-bundle.main.js')).not.toMatch(/^\s*(import|export)\b/m)
      // Cornerstone empties assets/dist on every build: the copy step is what keeps the module there.
      expect(packageDist.size).toBeGreaterThanOrEqual(2)
      for (const [file, code] of packageDist) expect(bundle.get(file) === code, `${file} copied as built`).toBe(true)
    })

    it.each(['sync', 'async'] as const)(
      "loaded %s beside the partial in <head>, shares the tag's token: one current.jwt, one mutation in all",
      async (themeBundle) => {
        deploy()
        await h.signIn(1)
        // The module's file is slow: the bundle runs first, and still finds the tag's settings.
        await h.context.route(/\/stencil-b2b-auth\.js$/, async (route) => {
          await new Promise((resolve) => setTimeout(resolve, 300))
          await route.continue()
        })
        const page = await visit(`/bundle-${themeBundle}`, await themePage({ customerId: 1 }, themeBundle))
        const [headers, fromTag] = await page.evaluate(async () => {
          const w = window as unknown as { themeB2B: { b2bHeaders(): Promise<Record<string, string>> }; themeCompanyShown: Promise<void> }
          await w.themeCompanyShown
          return [await w.themeB2B.b2bHeaders(), await window.b2bAuth.getB2BToken()] as const
        })
        expect(headers).toEqual({ Authorization: `Bearer ${fromTag}` })
        expect(fromTag).toBe(h.sim.issuedTokens[0])
        expect(await page.textContent('[data-b2b-company]')).toBe('Acme Industrial Supply')
        expect(await page.evaluate(() => document.documentElement.classList.contains('is-b2b-signed-in'))).toBe(true)
        expect(b2bPosts('userCompany').map((r) => r.headers.authorization)).toEqual([`Bearer ${fromTag}`])
        expect(h.sim.count('current.jwt')).toBe(1)
        expect(h.sim.count('authorization')).toBe(1)
      },
    )

    it.each([
      ['a Company user', 1, { kind: 'B2B', email: 'ada.buyer@example.com', role: 'Admin' }],
      ['a B2C customer', 2, { kind: 'B2C', email: 'bo.shopper@example.com', role: 'B2C customer' }],
      ['a guest', undefined, null],
    ] as const)('whoAmI() (b2b-graphql.js) answers for %s', async (_, customerId, expected) => {
      deploy()
      if (customerId) await h.signIn(customerId)
      const page = await visit(`/who-am-i-${customerId}`, await themePage(customerId ? { customerId } : {}, 'async'))
      await page.waitForFunction(() => 'themeB2B' in window)
      const who = await page.evaluate(() => (window as unknown as { themeB2B: { whoAmI(): Promise<unknown> } }).themeB2B.whoAmI())
      expect(who).toEqual(expected)
      // The example's document, which the sim validated against the B2B Edition schema.
      const asked = b2bPosts('customerInfo').map((r) => (r.body as { query: string }).query)
      expect(asked.filter((q) => q.includes('email'))).toEqual(customerId ? ['{ customerInfo { userType userInfo { email role } } }'] : [])
      if (!customerId) expect(h.sim.count('graphql')).toBe(0)
      expect(h.sim.count('authorization')).toBe(customerId ? 1 : 0)
    })
  })
})

describe('the troubleshooting table of docs/troubleshooting.md, symptom by symptom', () => {
  /** The page for a signed-in customer (in the sim too, unless `session` is false), and its getB2BToken(). */
  async function attempt(ctx: Partial<StencilContext> = {}, session = true) {
    if (session) await h.signIn(1)
    const page = await visit('/trouble', await render({ partial: 'head' }, { customerId: 1, ...ctx }))
    // The page's own attempt first, then a call of the theme's: the same for every run, however
    // fast the page's attempt ends.
    await settled(page)
    const result = await getToken(page)
    return { ...result, status: await status(page) }
  }

  it('current.jwt answers 404 on a page rendered for a customer (no session on this origin, or a wrong client id): client_id, no token', async () => {
    const { error, status } = await attempt({}, false)
    expect(error?.code).toBe('client_id')
    expect(error?.message).toContain('data-client-id')
    expect(status.state).toBe('error')
    // Each attempt asks with both client ids; a refusal starts no cooldown (a shopper who signs in
    // again at once is not held back), so the theme's call asks again.
    expect(h.sim.log.filter((r) => r.path === '/customer/current.jwt').map((r) => r.query.app_client_id)).toEqual([
      PORTAL_CLIENT_ID,
      LEGACY_CLIENT_ID,
      PORTAL_CLIENT_ID,
      LEGACY_CLIENT_ID,
    ])
    expect(h.sim.log.filter((r) => r.path === '/customer/current.jwt').map((r) => r.status)).toEqual([404, 404, 404, 404])
    expect(h.sim.count('graphql')).toBe(0)
  })

  it('the B2B API refuses the origin (CORS): network', async () => {
    h.sim.fault('authorization', { headers: { 'Access-Control-Allow-Origin': 'https://another-store.example' } }, Infinity)
    const { error } = await attempt()
    expect(error?.code).toBe('network')
  })

  it("the store's CSP leaves the B2B endpoint out of connect-src: network", async () => {
    await h.signIn(1)
    const html = await render({ partial: 'head' }, { customerId: 1 })
    const page = await openServed(h, '/trouble', {
      html,
      headers: { 'Content-Security-Policy': `${CSP['Content-Security-Policy']}; connect-src 'self'` },
    })
    const { error } = await getToken(page)
    expect(error?.code).toBe('network')
    expect(h.sim.count('current.jwt')).toBe(1)
    expect(h.sim.count('graphql')).toBe(0)
  })

  it('"the storefront channel is not live": channel_not_live, as signIn() says it', async () => {
    const { error } = await attempt({ channelId: 3 })
    expect(error?.code).toBe('channel_not_live')
    expect(error?.message).toContain('channel is not live')
  })

  it('the tag outside a template, with {{…}} unrendered: config, naming the attribute', async () => {
    await h.signIn(1)
    // The partial pasted into a static page, its src fixed by hand.
    const pasted = snippet('templates/components/b2b-auth.html')
      .replace(/\{\{!--[\s\S]*?--\}\}/, '')
      .replace(/\{\{cdn [^}]*\}\}/, '/dist/stencil-b2b-auth.js')
    const page = await openServed(h, '/static', { html: `<!doctype html><html><head>${pasted}</head><body><h1>Static</h1></body></html>` })
    const { error } = await getToken(page)
    expect(error?.code).toBe('config')
    expect(error?.message).toMatch(/^data-[\w-]+ must be .*\{\{/)
    expect(h.sim.count('current.jwt')).toBe(0)
  })
})

describe('the B2B sign-in form', () => {
  async function formPage() {
    const html = await render('{{> components/b2b-sign-in-form}}')
    return visit('/login-form', html)
  }

  it('signs a Company user in with the keyboard, and the storefront session with it', async () => {
    const page = await formPage()
    await page.getByLabel('Email address').fill('ada.buyer@example.com')
    await page.getByLabel('Password').fill('ada-password')
    await page.getByLabel('Password').press('Enter')
    await page.waitForURL(/\/account\.php$/)
    expect(h.sim.count('login')).toBe(1)
    expect(h.sim.count('login-token')).toBe(1)
    const back = await visit('/after', await render('', { customerId: 1 }))
    expect((await getToken(back)).token).toBe(h.sim.issuedTokens[0])
    expect(h.sim.count('authorization')).toBe(0)
  })

  it('says what went wrong in an alert, keeps focus on the password, and keeps no password in the page', async () => {
    const page = await formPage()
    // The B2B API refuses an inactive Company's user at login, with the message the Buyer Portal
    // maps (bigcommerce/b2b-buyer-portal `apps/storefront/src/utils/companyUtils.ts`).
    await page.getByLabel('Email address').fill('ian.inactive@example.com')
    await page.getByLabel('Password').fill('ian-password')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('inactive')
    expect(await page.getByLabel('Password').inputValue()).toBe('')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('b2b-sign-in-password')
    expect(await page.content()).not.toContain('ian-password')
  })

  it('passes axe (no serious or critical violations)', async () => {
    const page = await formPage()
    expect(serious(await runAxe(page, '#b2b-sign-in')).map((v) => v.id)).toEqual([])
  })
})
