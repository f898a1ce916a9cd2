import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { beforeEach, describe, expect, it } from 'vitest'
import { serveDemo } from '../sim/demo'
import { useBrowser } from './harness'
import { badge, badgeState, expectNoPageErrors, inBadge, openServed, pageText, status } from './support'

// The demo storefront of `npm start` (test/sim/demo.html, as serve.ts serves it): what a newcomer
// sees first must work, badge included, through the page's own links and buttons.

const h = useBrowser()
beforeEach(() => serveDemo(h.sim))

/** The pill's wide line (the page is wider than 480px). */
const line = (page: Page) =>
  inBadge(page, '.toggle .wide')
    .textContent()
    .then((text) => 'B2B' + text)

/** Clicks one of the demo's buttons that drive the simulator, and waits for the simulator's answer. */
async function simButton(page: Page, name: string, control: string): Promise<void> {
  await Promise.all([
    page.waitForResponse((response) => new URL(response.url()).pathname === control && response.ok()),
    page.getByRole('button', { name, exact: true }).click(),
  ])
}

describe('the demo storefront', () => {
  it('shows the badge: guest, active once signed in, the error once the B2B endpoint breaks, active again after Repair and Retry', async () => {
    const page = await openServed(h, '/', { ready: false })
    await badgeState(page, 'guest')
    expect(await page.locator('#who').textContent()).toBe('Guest')

    await page.getByRole('link', { name: 'Sign in as customer 1 (B2B)' }).click()
    await badgeState(page, 'active')
    expect(await line(page)).toMatch(/^B2Bactive · customer 1 · channel 1 · expires in /)
    expect(await page.locator('#s-state').textContent()).toBe('ready')

    // Twice 3 failures: more than one mint's retries use, so that only Repair can fix it.
    await simButton(page, '500 for the next 3 B2B requests', '/__sim/fault')
    await simButton(page, '500 for the next 3 B2B requests', '/__sim/fault')
    await page.getByRole('button', { name: 'Clear token', exact: true }).click()
    await page.getByRole('button', { name: 'getB2BToken()', exact: true }).click()
    await badgeState(page, 'error')
    expect(await line(page)).toBe(`B2Berror · http · store ${h.sim.options.storeHash} · customer 1`)
    const { error } = await status(page)
    expect(error?.code).toBe('http')
    expect(await inBadge(page, '.bad p:first-child').textContent()).toBe(`http: ${error!.message}`)
    expect(await page.locator('#token-result').textContent()).toBe(`http: ${error!.message}`)

    await simButton(page, 'Repair', '/__sim/clear-faults')
    await badge(page).getByRole('button', { name: 'Retry', exact: true }).click()
    await badgeState(page, 'active')
    expect(await page.locator('#s-state').textContent()).toBe('ready')
    // The first mint, three failed attempts, and the retry.
    expect(h.sim.count('authorization')).toBe(5)

    const everything = await pageText(page)
    expect(h.sim.issuedTokens).toHaveLength(2)
    for (const token of [...h.sim.issuedTokens, ...h.sim.issuedJwts]) expect(everything).not.toContain(token)
    await expectNoPageErrors(h)
    expectNoCspViolation()
  })

  it('is served under a nonce CSP: a fresh nonce each page view, on every script, and nothing refused', async () => {
    const page = await h.context.newPage()
    const first = await page.goto(`${h.sim.storefrontUrl}/`)
    await badgeState(page, 'guest')
    const csp = (await first!.allHeaders())['content-security-policy']!
    const nonce = /script-src 'nonce-([\w+/=]+)' 'strict-dynamic'/.exec(csp)?.[1]
    expect(nonce).toBeTruthy()
    // Every script of the page carries it (a nonce attribute reads back empty: the property tells).
    const nonces = await page.evaluate(() => [...document.scripts].map((script) => script.nonce))
    expect(nonces.length).toBeGreaterThanOrEqual(2)
    expect(nonces.every((value) => value === nonce)).toBe(true)
    const again = await page.reload()
    expect((await again!.allHeaders())['content-security-policy']).not.toBe(csp)
    await badgeState(page, 'guest')
    expectNoCspViolation()
  })

  it('"Ask the B2B API who I am" uses b2bGraphQL(), also across a server-side expiry (40101): no fetch of its own', async () => {
    const html = readFileSync('test/sim/demo.html', 'utf8')
    expect(html).toContain('api.b2bGraphQL(WHO_AM_I)')
    expect(html).not.toMatch(/fetch\(\s*endpoint|Bearer/)
    const page = await openServed(h, '/', { ready: false })
    await page.getByRole('link', { name: 'Sign in as customer 1 (B2B)' }).click()
    await badgeState(page, 'active')
    const who = page.getByRole('button', { name: 'Ask the B2B API who I am', exact: true })
    await who.click()
    await expect
      .poll(() => page.locator('#token-result').textContent())
      .toBe('Ada Buyer <ada.buyer@example.com>, company user, role 0 (Admin)')
    expect(h.sim.count('customerInfo')).toBe(1)

    await simButton(page, 'Expire all B2B tokens server-side (40101)', '/__sim/expire-tokens')
    await who.click()
    await expect
      .poll(() => page.locator('#token-result').textContent())
      .toMatch(/40101.*b2bGraphQL\(\) got a fresh token and asked again\.\nAda Buyer/s)
    expect(h.sim.count('customerInfo')).toBe(3)
    expect(h.sim.count('authorization')).toBe(2)
    expectNoCspViolation()
  })

  it('the signIn() form signs a company user in (B2B login and storefront session); a wrong password says so', async () => {
    const page = await openServed(h, '/', { ready: false })
    await badgeState(page, 'guest')
    await page.getByLabel('Email').fill('ada.buyer@example.com')
    await page.getByLabel('Password').fill('wrong')
    await page.getByRole('button', { name: 'signIn()', exact: true }).click()
    await expect.poll(() => page.locator('#sign-in-result').textContent()).toMatch(/^invalid_credentials: /)

    await page.getByLabel('Password').fill('ada-password')
    await page.getByRole('button', { name: 'signIn()', exact: true }).click()
    await expect
      .poll(() => page.locator('#sign-in-result').textContent())
      .toMatch(/^Signed in: customer 1, Ada Buyer <ada\.buyer@example\.com>, company status 1\./)
    await badgeState(page, 'active')
    expect(await page.locator('#s-state').textContent()).toBe('ready')
    expect(await page.getByLabel('Password').inputValue()).toBe('')
    expect(h.sim.count('login')).toBe(2)
    // The storefront session too: a reload is rendered for customer 1.
    await page.reload()
    expect(await page.locator('#who').textContent()).toBe('Signed in as customer 1')

    await page.getByRole('button', { name: 'signOut({ storefront: true })', exact: true }).click()
    await badgeState(page, 'guest')
    expect(h.sim.count('/login.php')).toBe(1)
    const everything = await page.evaluate(() => document.documentElement.outerHTML)
    for (const token of h.sim.issuedTokens) expect(everything).not.toContain(token)
    expectNoCspViolation()
  })

  it("links to a page with the real Buyer Portal: both hold the customer's token after signIn(), neither after signOut()", async () => {
    h.sim.options.currentJwtCacheable = false
    try {
      const page = await openServed(h, '/')
      await page.getByRole('link', { name: 'The same store with the real Buyer Portal beside the module' }).click()
      await page.waitForURL(/\/portal/)
      // The Portal mounts under the page's nonce CSP (its chunks by 'strict-dynamic').
      await expect.poll(() => page.locator('#p-mounted').textContent(), { timeout: 20_000 }).toBe('yes')
      expect(await page.locator('#m-state').textContent()).toBe('guest')
      await page.getByLabel('Email').fill('ada.buyer@example.com')
      await page.getByLabel('Password').fill('ada-password')
      await page.getByRole('button', { name: 'signIn()', exact: true }).click()
      await expect.poll(() => page.locator('#sign-in-result').textContent()).toMatch(/^Signed in: customer 1, Ada Buyer\./)
      expect(await page.locator('#m-state').textContent()).toBe('ready')
      await expect.poll(() => page.locator('#p-token').textContent(), { timeout: 20_000 }).toBe('customer 1')

      await page.getByRole('button', { name: 'signOut({ storefront: true })', exact: true }).click()
      await expect.poll(() => page.locator('#sign-in-result').textContent()).toMatch(/^Signed out/)
      await expect.poll(() => page.locator('#p-token').textContent(), { timeout: 20_000 }).toBe('none')
      await expect.poll(() => page.locator('#p-events').textContent()).toMatch(/^on-logout at /)
      const everything = await page.evaluate(() => document.documentElement.outerHTML)
      for (const token of h.sim.issuedTokens) expect(everything).not.toContain(token)
      expectNoCspViolation()
      await expectNoPageErrors(h)
    } finally {
      h.sim.options.currentJwtCacheable = true
    }
  })
})

/** Chromium logs what a CSP refuses; none of the page's scripts or chunks may be. */
function expectNoCspViolation(): void {
  expect(h.consoleLines.filter((line) => /Content Security Policy/i.test(line))).toEqual([])
}
