import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { rolldown } from 'rolldown'
import { afterEach, describe, expect, it } from 'vitest'
import { getToken, settled, useBrowser } from './harness'
import { layout, renderStencil, snippet, type StencilContext } from './stencil'

const h = useBrowser()
const NONCE = 'r4nd0mN0nce'
// Scripts run only with the page's nonce, as on a store with a strict CSP; what a trusted script
// loads (the module's chunks) is allowed by 'strict-dynamic'.
const CSP = { 'Content-Security-Policy': `script-src 'nonce-${NONCE}' 'strict-dynamic'; object-src 'none'; base-uri 'none'` }

const partials = {
  'components/b2b-auth': snippet('templates/components/b2b-auth.html'),
  'components/b2b-sign-in-form': snippet('templates/components/b2b-sign-in-form.html'),
}

afterEach(() => {
  expect(h.pageErrors).toEqual([])
})

/** Renders `body` in the base layout (with the b2b-auth partial) as the store would for `ctx`. */
async function render(body: string, ctx: Partial<StencilContext> = {}): Promise<string> {
  return renderStencil({ 'layout/base': layout(body), ...partials }, 'layout/base', {
    storeHash: h.sim.options.storeHash,
    cdnUrl: h.sim.storefrontUrl,
    themeVersion: 'a1b2c3',
    nonce: NONCE,
    channelId: 1,
    ...ctx,
    // The simulated B2B endpoint, as a staging store would set it in the theme settings.
    themeSettings: { b2b_auth_graphql_endpoint: h.sim.b2bUrl, ...ctx.themeSettings },
  })
}

/** Serves rendered HTML at `path` (with the CSP) and opens it; waits for window.b2bAuth. */
async function visit(path: string, html: string): Promise<Page> {
  h.sim.setPage(path, html, CSP)
  const page = await h.context.newPage()
  await page.goto(h.sim.storefrontUrl + path)
  await page.waitForFunction(() => typeof window.b2bAuth?.getB2BToken === 'function')
  return page
}

const tagOf = (html: string) => /<script type="module" nonce="[^"]*"\s+src="[^"]*stencil-b2b-auth\.js"[^>]*>/.exec(html)?.[0] ?? ''

describe('the b2b-auth partial, rendered by stencil-paper', () => {
  it('for a signed-in customer: nonce, CDN path, customer, store and channel; one current.jwt, one mutation', async () => {
    await h.signIn(1)
    const html = await render('', { customerId: 1 })
    const tag = tagOf(html)
    expect(tag).toContain(`nonce="${NONCE}"`)
    expect(tag).toContain(`src="${h.sim.storefrontUrl}/stencil/a1b2c3/dist/stencil-b2b-auth.js"`)
    expect(tag).toContain('data-customer-id="1"')
    expect(tag).toContain(`data-store-hash="${h.sim.options.storeHash}"`)
    expect(tag).toContain('data-channel-id="1"')
    expect(tag).not.toContain('data-badge')
    const page = await visit('/signed-in', html)
    expect((await getToken(page)).token).toBe(h.sim.issuedTokens[0])
    expect(h.sim.count('current.jwt')).toBe(1)
    expect(h.sim.count('authorization')).toBe(1)
    // The chunk came from beside the entry, on the CDN path.
    expect(h.sim.log.some((r) => /^\/stencil\/a1b2c3\/dist\/stencil-b2b-auth-flow-/.test(r.path))).toBe(true)
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

  it('on another channel: the mutation asks for that channel', async () => {
    await h.signIn(1)
    const html = await render('', { customerId: 1, channelId: 2 })
    expect(tagOf(html)).toContain('data-channel-id="2"')
    const page = await visit('/channel-2', html)
    await getToken(page)
    expect(h.sim.log.find((r) => r.operation === 'authorization')?.variables).toMatchObject({ channelId: 2 })
  })

  it('without settings.channel_id in the context, leaves the attribute out rather than empty', async () => {
    const html = await renderStencil({ 'layout/base': layout(''), ...partials }, 'layout/base', {
      storeHash: h.sim.options.storeHash,
      cdnUrl: h.sim.storefrontUrl,
      customerId: 1,
    })
    expect(tagOf(html)).not.toContain('data-channel-id')
  })

  it('switches the badge with the theme setting', async () => {
    expect(tagOf(await render('', { themeSettings: { b2b_auth_badge: true } }))).toMatch(/\sdata-badge>/)
    expect(tagOf(await render('', { themeSettings: { b2b_auth_badge: false } }))).not.toContain('data-badge')
  })

  it('passes a client id set in the theme settings, and none when it is empty', async () => {
    expect(tagOf(await render('', { themeSettings: { b2b_auth_client_id: 'qxvapwlk4fbb9dyogdcxk9o50d9jqjo' } }))).toContain(
      'data-client-id="qxvapwlk4fbb9dyogdcxk9o50d9jqjo"',
    )
    expect(tagOf(await render(''))).not.toContain('data-client-id')
  })
})

describe('the Script Manager version', () => {
  // The CDN folder is the simulator's dist/, and the endpoint its B2B endpoint (an attribute a
  // staging store adds the same way).
  const scriptManager = () =>
    snippet('script-manager.html')
      .replaceAll('https://cdn.example.com/stencil-b2b-auth/0.1.0/', `${h.sim.storefrontUrl}/dist/`)
      .replace('data-store-hash=', `data-graphql-endpoint="${h.sim.b2bUrl}"\n    data-store-hash=`)

  it.each([
    ['a signed-in customer', 1, 'token'],
    ['a guest', undefined, null],
  ] as const)('renders and works for %s', async (_, customerId, expected) => {
    if (customerId) await h.signIn(customerId)
    // Script Manager content goes where {{{footer.scripts}}} is, without the theme's partial.
    const html = await renderStencil({ 'layout/base': `<!doctype html><html><body>${scriptManager()}</body></html>` }, 'layout/base', {
      storeHash: h.sim.options.storeHash,
      cdnUrl: h.sim.storefrontUrl,
      channelId: 1,
      ...(customerId ? { customerId } : {}),
    })
    h.sim.setPage('/script-manager', html)
    const page = await h.context.newPage()
    await page.goto(`${h.sim.storefrontUrl}/script-manager`)
    await page.waitForFunction(() => typeof window.b2bAuth?.getB2BToken === 'function')
    const { token } = await getToken(page)
    if (expected) expect(token).toBe(h.sim.issuedTokens[0])
    else expect(token).toBeNull()
    expect(h.sim.count('authorization')).toBe(expected ? 1 : 0)
  })
})

describe('every way theme code gets the token shares the one instance', () => {
  it('an inline ES module and a classic script that runs first get the same token: one mutation in all', async () => {
    await h.signIn(1)
    const html = await render(snippet('examples/classic-script.html') + snippet('examples/es-module.html'), { customerId: 1 })
    const page = await visit('/examples', html)
    await page.waitForFunction(() => (window as unknown as { classicSawToken?: string }).classicSawToken)
    await page.waitForFunction(() => document.documentElement.dataset.b2bSignedIn === 'true')
    expect(await page.evaluate(() => (window as unknown as { classicSawToken: string }).classicSawToken)).toBe(h.sim.issuedTokens[0])
    expect(h.sim.count('authorization')).toBe(1)
  })

  it("the theme's own bundle importing the npm package shares the script tag's instance: one mutation in all", async () => {
    await h.signIn(1)
    // Bundled as a theme's build would: the package resolved to its published entry (dist/).
    const build = await rolldown({
      input: join(import.meta.dirname, '../../theme-snippets/examples/theme-bundle.js'),
      resolve: { alias: { 'stencil-b2b-auth': join(import.meta.dirname, '../../dist/stencil-b2b-auth.js') } },
    })
    const { output } = await build.generate({ format: 'es', entryFileNames: 'theme-bundle.js' })
    await h.context.route(/\/theme\/[^/]+\.js$/, (route) => {
      const name = new URL(route.request().url()).pathname.split('/').pop()
      const file = output.find((o) => o.fileName === name)
      return file && 'code' in file
        ? route.fulfill({ contentType: 'text/javascript', body: file.code })
        : route.fulfill({ status: 404, body: '' })
    })
    const html = await render(`<script type="module" nonce="${NONCE}" src="/theme/theme-bundle.js"></script>`, { customerId: 1 })
    const page = await visit('/bundle', html)
    const [fromBundle, fromTag] = await page.evaluate(async () => [
      await (window as unknown as { themeBundleToken: Promise<string> }).themeBundleToken,
      await window.b2bAuth.getB2BToken(),
    ])
    expect(fromBundle).toBe(fromTag)
    expect(fromBundle).toBe(h.sim.issuedTokens[0])
    expect(h.sim.count('current.jwt')).toBe(1)
    expect(h.sim.count('authorization')).toBe(1)
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
    await page.getByLabel('Email address').fill('pat.pending@example.com')
    await page.getByLabel('Password').fill('pat-password')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('waiting for approval')
    expect(await page.getByLabel('Password').inputValue()).toBe('')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('b2b-sign-in-password')
    expect(await page.content()).not.toContain('pat-password')
  })

  it('passes axe (no serious or critical violations)', async () => {
    const page = await formPage()
    await page.addScriptTag({ path: join(import.meta.dirname, '../../node_modules/axe-core/axe.min.js') })
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (c: unknown) => Promise<{ violations: { id: string; impact: string }[] }> } }).axe
      const { violations } = await axe.run(document.getElementById('b2b-sign-in'))
      return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)
    })
    expect(violations).toEqual([])
  })
})
