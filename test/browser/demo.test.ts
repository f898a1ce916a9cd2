import type { Page } from 'playwright-core'
import { beforeEach, describe, expect, it } from 'vitest'
import { serveDemo } from '../sim/demo'
import { useBrowser } from './harness'

// The demo storefront of `npm start` (test/sim/demo.html, as serve.ts serves it): what a newcomer
// sees first must work, badge included, through the page's own links and buttons.

const h = useBrowser()
beforeEach(() => serveDemo(h.sim))

const BADGE = 'stencil-b2b-auth-badge'
const badgeState = (page: Page, state: string) => page.locator(`${BADGE} .root[data-state="${state}"]`).waitFor()
const line = (page: Page) => page.locator(`${BADGE} .toggle`).textContent()

/** Clicks one of the demo's buttons that drive the simulator, and waits for the simulator's answer. */
async function simButton(page: Page, name: string, control: string): Promise<void> {
  await Promise.all([
    page.waitForResponse((response) => new URL(response.url()).pathname === control && response.ok()),
    page.getByRole('button', { name, exact: true }).click(),
  ])
}

describe('the demo storefront', () => {
  it('shows the badge: guest, active once signed in, the error once the B2B endpoint breaks, active again after Repair and Retry', async () => {
    const page = await h.context.newPage()
    await page.goto(`${h.sim.storefrontUrl}/`)
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
    expect(await line(page)).toBe('B2Berror · http')
    const { error } = await page.evaluate(() => window.b2bAuth.getB2BStatus())
    expect(error?.code).toBe('http')
    expect(await page.locator(`${BADGE} .bad p`).textContent()).toBe(`http: ${error!.message}`)
    expect(await page.locator('#token-result').textContent()).toBe(`http: ${error!.message}`)

    await simButton(page, 'Repair', '/__sim/clear-faults')
    await page.locator(BADGE).getByRole('button', { name: 'Retry', exact: true }).click()
    await badgeState(page, 'active')
    expect(await page.locator('#s-state').textContent()).toBe('ready')
    // The first mint, three failed attempts, and the retry.
    expect(h.sim.count('authorization')).toBe(5)

    const everything = await page.evaluate((tag) => document.documentElement.outerHTML + document.querySelector(tag)!.shadowRoot!.innerHTML, BADGE)
    expect(h.sim.issuedTokens).toHaveLength(2)
    for (const token of [...h.sim.issuedTokens, ...h.sim.issuedJwts]) expect(everything).not.toContain(token)
    expect(h.pageErrors).toEqual([])
  })
})
