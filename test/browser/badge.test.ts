import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { gate } from '../sim'
import { loadedModuleFiles, settled, storefrontPage, useBrowser } from './harness'
import {
  BADGE,
  badge,
  badgeState,
  expectNoPageErrors,
  expectStableScreenshot,
  inBadge,
  openServed,
  pageText,
  runAxe,
  serious,
  status,
} from './support'

// The status badge in Chromium: the built dist/ on a storefront page, the simulated
// storefront and B2B endpoint behind it, one test per state, with screenshots of the badge.

// Every context the same for every run: viewport, scale, locale, time zone and no motion. Tests
// that look at times also fix the clock with freezeClock().
const h = useBrowser(
  {},
  {
    context: {
      viewport: { width: 800, height: 600 },
      deviceScaleFactor: 1,
      locale: 'en-US',
      timezoneId: 'UTC',
      colorScheme: 'light',
      reducedMotion: 'reduce',
    },
  },
)

/** Every date and time on the page: the token's obtained and expiry times depend on it. */
const FIXED_TIME = Date.parse('2026-06-01T12:00:00Z')
/**
 * The badge on, in the bottom-left corner, set as a theme would. Right-anchored, the badge's left
 * edge falls on a fraction of a pixel (the page width less its text width), and Chromium then
 * rasterises its text at either of two sub-pixel phases from one browser launch to the next (5
 * and 7 of 12 launches here); anchored left, every launch draws the same pixels (12 of 12).
 */
const withBadge = { attributes: { 'data-badge': '' }, body: '<style>:root { --b2b-auth-badge-corner: bottom-left }</style>' }
/** withBadge, with a deadline no held request of these tests reaches. */
const patient = { ...withBadge, attributes: { ...withBadge.attributes, 'data-timeout-ms': '120000' } }

/**
 * Date.now() and new Date() return FIXED_TIME from now on; timers still run, so the flow and the
 * badge's 1 s tick go on. (Playwright's clock also fakes the performance timeline, so tests that
 * read performance.getEntriesByType() leave the clock alone.)
 */
const freezeClock = () => h.fixClock(FIXED_TIME)

const toggle = (page: Page) => inBadge(page, '.toggle')
/** The pill's text as the screen shows it: the wide line, or the short one below 480px. */
const pill = (page: Page) =>
  toggle(page).evaluate((button) => {
    const walker = document.createTreeWalker(button, NodeFilter.SHOW_TEXT)
    let text = ''
    for (let node = walker.nextNode(); node; node = walker.nextNode()) if (node.parentElement!.checkVisibility()) text += node.textContent
    return text
  })
const action = (page: Page, name: string) => badge(page).getByRole('button', { name, exact: true })

/** The panel's rows, name → value. */
function rows(page: Page): Promise<Record<string, string>> {
  return page.evaluate((tag) => {
    const root = document.querySelector(tag)!.shadowRoot!
    return Object.fromEntries([...root.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling?.textContent ?? '']))
  }, BADGE)
}

/**
 * Compares a screenshot of `locator` with test/browser/__screenshots__/<name>.png (see
 * expectStableScreenshot: UPDATE_SCREENSHOTS=1 accepts a new one). Byte equality holds here because everything that reaches the pixels is fixed: clock,
 * time zone, locale, viewport, scale 1, no animation, no caret, Chromium's software rasteriser,
 * the corner (see withBadge). `hide` names what differs by nature from run to run (the
 * fingerprint of a freshly minted token): hidden, and masked with a box the size of its grid cell.
 */
async function expectScreenshot(locator: Locator, name: string, hide?: string): Promise<void> {
  const page = locator.page()
  // What is hidden is also masked, so the screenshot shows where it was.
  const mask = hide ? [page.locator(`${BADGE} ${hide}`)] : []
  const style = hide ? `${hide} { visibility: hidden !important }` : ''
  const shoot = () => locator.screenshot({ animations: 'disabled', caret: 'hide', scale: 'css', mask, maskColor: '#888', style })
  await expectStableScreenshot(shoot, name)
}

/** No token text anywhere on the page (markup, attributes, the shadow root, the title) or in the console. */
async function expectNoToken(page: Page): Promise<void> {
  const everything = [await pageText(page), page.url()].join('\n')
  expect(h.sim.issuedTokens.length).toBeGreaterThan(0)
  for (const token of h.sim.issuedTokens) {
    expect(everything).not.toContain(token)
    for (const line of h.consoleLines) expect(line).not.toContain(token)
  }
}

/**
 * axe-core on the badge and its shadow tree: no serious or critical violation. With `state`, the
 * badge must still be in it afterwards, so a state that ended during the run fails rather than
 * passing on the next one.
 */
async function expectAccessible(page: Page, state?: string): Promise<void> {
  const results = await runAxe(page, BADGE)
  expect(serious(results)).toEqual([])
  // axe did look inside the shadow root: at its buttons and the contrast of its text.
  expect(results.checked['button-name']).toBeGreaterThan(0)
  expect(results.checked['color-contrast']).toBeGreaterThan(0)
  if (state) expect(await inBadge(page, '.root').getAttribute('data-state')).toBe(state)
}

describe('turning it on and off', () => {
  it('is off by default: a page without data-badge loads no badge chunk and shows nothing', async () => {
    await h.signIn(1)
    const page = await h.open('/')
    expect(await settled(page)).toBe('ready')
    expect(await loadedModuleFiles(page)).toContain('stencil-b2b-auth.js')
    expect(await loadedModuleFiles(page)).not.toContainEqual(expect.stringMatching(/^stencil-b2b-auth-badge-/))
    expect(h.sim.log.filter((r) => r.path.includes('stencil-b2b-auth-badge-'))).toEqual([])
    expect(await badge(page).count()).toBe(0)
  })

  it('a URL parameter that only starts like the debug flag (?b2b-auth-debug=10) shows nothing', async () => {
    await h.signIn(1)
    const page = await h.open('/?b2b-auth-debug=10')
    expect(await settled(page)).toBe('ready')
    expect(await loadedModuleFiles(page)).not.toContainEqual(expect.stringMatching(/^stencil-b2b-auth-badge-/))
    expect(await badge(page).count()).toBe(0)
  })

  it('data-badge on the script tag shows it, from the standalone badge chunk', async () => {
    await h.signIn(1)
    const page = await h.open('/', withBadge)
    await badgeState(page, 'active')
    expect(await loadedModuleFiles(page)).toContainEqual(expect.stringMatching(/^stencil-b2b-auth-badge-[\w-]+\.js$/))
    expect(await badge(page).count()).toBe(1)
    // Asking again changes nothing: one badge a page.
    await page.evaluate(() => window.b2bAuth.showBadge())
    expect(await badge(page).count()).toBe(1)
  })

  it('?b2b-auth-debug=1 shows it without Copy token; debug(true) typed in the console adds Copy token, which copies the token', async () => {
    await h.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.sim.storefrontUrl })
    await h.signIn(1)
    const page = await h.open('/?b2b-auth-debug=1')
    await badgeState(page, 'active')
    // A link anyone can send: it turns tracing on for this page view, never the token one click away.
    expect(await page.evaluate(() => sessionStorage.getItem('stencil-b2b-auth:debug'))).toBeNull()
    await toggle(page).click()
    await action(page, 'Hide').waitFor()
    expect(await action(page, 'Copy token').count()).toBe(0)
    await page.evaluate(() => window.b2bAuth.debug(true))
    await action(page, 'Copy token').click()
    await inBadge(page, '.note').filter({ hasText: 'copied' }).waitFor()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(h.sim.issuedTokens[0])
    const fingerprint = (await status(page)).fingerprint
    expect(await inBadge(page, '.note').textContent()).toBe(`Token ${fingerprint} copied.`)
    await expectNoToken(page)
  })

  it('without debug mode there is no Copy token', async () => {
    await h.signIn(1)
    const page = await h.open('/', withBadge)
    await badgeState(page, 'active')
    await toggle(page).click()
    expect(await badge(page).getByRole('button').allTextContents()).toEqual([
      expect.stringContaining('active'),
      'Refresh',
      'Clear',
      'Who am I?',
      'Hide',
    ])
  })

  it('window.b2bAuth.hideBadge() removes it, and so does its Hide button', async () => {
    await h.signIn(1)
    const page = await h.open('/', withBadge)
    await badgeState(page, 'active')
    await page.evaluate(() => window.b2bAuth.hideBadge())
    expect(await badge(page).count()).toBe(0)
    await page.evaluate(() => window.b2bAuth.showBadge())
    await toggle(page).click()
    await action(page, 'Hide').click()
    expect(await badge(page).count()).toBe(0)
    await expectNoPageErrors(h)
  })
})

describe('each state, on a real page', () => {
  it('guest', async () => {
    await freezeClock()
    const page = await h.open('/', withBadge)
    await badgeState(page, 'guest')
    expect(await pill(page)).toBe(`B2Bguest · store ${h.sim.options.storeHash}`)
    await expectScreenshot(badge(page), 'guest')
    await expectAccessible(page, 'guest')
  })

  it('checking, while the B2B endpoint holds the mint; then active', async () => {
    await freezeClock()
    // Held for the screenshot and axe, however slow the machine, within a deadline longer still.
    const release = gate()
    h.sim.fault('authorization', { until: release.promise })
    await h.signIn(1)
    const page = await h.open('/', patient)
    await badgeState(page, 'checking')
    // Idle (the flow chunk still loading) shows as checking too, as "no token yet": wait for the
    // request itself.
    await expect.poll(() => pill(page)).toBe('B2Bchecking…')
    await expectScreenshot(badge(page), 'checking')
    await expectAccessible(page, 'checking')
    release.resolve()
    await badgeState(page, 'active')
  })

  it('active: customer, channel, and the time left', async () => {
    await freezeClock()
    await h.signIn(1)
    const page = await h.open('/', withBadge)
    await badgeState(page, 'active')
    // The clock is fixed, so the countdown stands still at the token's full day.
    expect(await pill(page)).toBe('B2Bactive · customer 1 · channel 1 · expires in 24h 00m')
    expect(await inBadge(page, '[role=status]').textContent()).toBe('B2B auth: active · customer 1 · channel 1')
    await expectScreenshot(badge(page), 'active')
    await expectAccessible(page, 'active')
    await expectNoToken(page)
  })

  it('refreshing: the token held while a forced refresh waits for the endpoint', async () => {
    await freezeClock()
    await h.signIn(1)
    const page = await h.open('/', patient)
    await badgeState(page, 'active')
    const release = gate()
    h.sim.fault('authorization', { until: release.promise })
    await page.evaluate(() => void window.b2bAuth.getB2BToken({ forceRefresh: true }))
    await badgeState(page, 'refreshing')
    expect(await pill(page)).toBe('B2Brefreshing · customer 1 · channel 1')
    await expectScreenshot(badge(page), 'refreshing')
    await expectAccessible(page, 'refreshing')
    release.resolve()
    await badgeState(page, 'active')
    expect(h.sim.count('authorization')).toBe(2)
    await expectNoToken(page)
  })

  it('error: the code and its message; Retry works once the endpoint is back', async () => {
    await freezeClock()
    h.sim.fault('authorization', { status: 500, body: 'x' }, Infinity)
    await h.signIn(1)
    const page = await h.open('/', withBadge)
    await badgeState(page, 'error')
    // No token, so no store or customer in the status: the ones the page's tag named.
    expect(await pill(page)).toBe(`B2Berror · http · store ${h.sim.options.storeHash} · customer 1`)
    const { error } = await status(page)
    expect(await inBadge(page, '.bad p:first-child').textContent()).toBe(`http: ${error!.message}`)
    expect(await inBadge(page, '.bad .where').textContent()).toBe(`store ${h.sim.options.storeHash} · customer 1`)
    await expectScreenshot(badge(page), 'error')
    await expectAccessible(page, 'error')

    h.sim.clearFaults()
    await action(page, 'Retry').click()
    await badgeState(page, 'active')
    expect((await status(page)).state).toBe('ready')
    await expectNoToken(page)
  })

  it('memory-only storage, where IndexedDB fails', async () => {
    await freezeClock()
    await h.context.addInitScript(() => {
      IDBFactory.prototype.open = () => {
        throw new DOMException('x', 'InvalidStateError')
      }
    })
    await h.signIn(1)
    const page = await h.open('/', withBadge)
    await badgeState(page, 'active')
    await inBadge(page, '.tag').waitFor()
    expect(await pill(page)).toBe('B2Bactive · customer 1 · channel 1 · expires in 24h 00mmemory only')
    expect((await status(page)).storage).toBe('memory')
    await expectScreenshot(badge(page), 'memory')
    await expectAccessible(page, 'active')
    await toggle(page).click()
    expect((await rows(page)).Storage).toBe('memory only (no IndexedDB)')
  })
})

describe('a failed renewal, a narrow screen, the dark scheme', () => {
  /** A forced refresh the endpoint refuses: the token still holds, the renewal failed. */
  async function renewalFails(page: Page): Promise<void> {
    h.sim.fault('authorization', { status: 500, body: 'x' }, Infinity)
    await page.evaluate(() => window.b2bAuth.getB2BToken({ forceRefresh: true }).catch(() => {}))
    await badgeState(page, 'renewal-failed')
  }
  /** The pill's box, and the host's distances from the viewport's left and right edges. */
  async function fits(page: Page, width: number) {
    const box = (await toggle(page).boundingBox())!
    const lineHeight = await toggle(page).evaluate((button) => parseFloat(getComputedStyle(button).lineHeight))
    return {
      left: Math.round(box.x),
      right: Math.round(width - box.x - box.width),
      // One line: the pill's height is one line of text, its padding and border.
      lines: Math.round((box.height - 14) / lineHeight),
    }
  }

  it('after a failed renewal, with the token still valid: the pill says the token holds and the renewal failed', async () => {
    await freezeClock()
    await h.signIn(1)
    const page = await h.open('/', withBadge)
    await badgeState(page, 'active')
    await renewalFails(page)
    expect(await status(page)).toMatchObject({ state: 'ready', error: { code: 'http' } })
    expect(await pill(page)).toBe('B2Btoken holds · last renewal failed (http) · customer 1 · channel 1 · expires in 24h 00m')
    expect(await inBadge(page, '[role=status]').textContent()).toBe(
      'B2B auth: token holds · last renewal failed (http) · customer 1 · channel 1',
    )
    await expectScreenshot(badge(page), 'renewal-failed')
    await expectAccessible(page, 'renewal-failed')
    await expectNoToken(page)
  })

  it.each([
    ['active', 'B2Bcustomer 1 · 24h 00m'],
    ['renewal-failed', 'B2Btoken holds · renewal failed'],
    ['memory', 'B2Bcustomer 1 · 24h 00mmemory'],
  ])('375 px wide, %s: a short line, on one line, with the margin on both sides', async (state, text) => {
    await freezeClock()
    if (state === 'memory') {
      await h.context.addInitScript(() => {
        IDBFactory.prototype.open = () => {
          throw new DOMException('x', 'InvalidStateError')
        }
      })
    }
    await h.signIn(1)
    const page = await openServed(h, '/', {
      html: (ctx) => storefrontPage(ctx, withBadge),
      viewport: { width: 375, height: 667 },
      ready: false,
    })
    await badgeState(page, 'active')
    if (state === 'renewal-failed') await renewalFails(page)
    expect(await pill(page)).toBe(text)
    const { left, right, lines } = await fits(page, 375)
    expect(left).toBe(16)
    expect(right).toBeGreaterThanOrEqual(16)
    expect(lines).toBe(1)
    await expectScreenshot(badge(page), `narrow-${state}`)
    await expectAccessible(page)
  })

  it('375 px wide, error: the short line; the card, inside the margins, names the store and customer', async () => {
    await freezeClock()
    h.sim.fault('authorization', { status: 500, body: 'x' }, Infinity)
    await h.signIn(1)
    const page = await openServed(h, '/', {
      html: (ctx) => storefrontPage(ctx, withBadge),
      viewport: { width: 375, height: 667 },
      ready: false,
    })
    await badgeState(page, 'error')
    expect(await pill(page)).toBe('B2Berror · http')
    expect(await inBadge(page, '.bad .where').textContent()).toBe(`store ${h.sim.options.storeHash} · customer 1`)
    const card = (await inBadge(page, '.bad').boundingBox())!
    expect(Math.round(card.x)).toBe(16)
    expect(Math.round(375 - card.x - card.width)).toBeGreaterThanOrEqual(16)
    await expectScreenshot(badge(page), 'narrow-error')
    await expectAccessible(page, 'error')
  })

  it.each(['active', 'renewal-failed', 'error'])(
    'dark scheme on a light page, %s: readable, and the state colour lighter',
    async (state) => {
      await freezeClock()
      if (state === 'error') h.sim.fault('authorization', { status: 500, body: 'x' }, Infinity)
      await h.signIn(1)
      const page = await h.open('/', withBadge)
      await page.emulateMedia({ colorScheme: 'dark' })
      await badgeState(page, state === 'error' ? 'error' : 'active')
      if (state === 'renewal-failed') await renewalFails(page)
      // The page stays light (it sets no color-scheme); the badge is dark.
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgba(0, 0, 0, 0)')
      expect(await toggle(page).evaluate((button) => getComputedStyle(button).backgroundColor)).not.toBe('rgb(255, 255, 255)')
      await expectScreenshot(badge(page), `dark-${state}`)
      await expectAccessible(page, state)
    },
  )

  it('dark scheme on a light page: the focus ring has a dark halo, so it stands out from the page', async () => {
    await freezeClock()
    await h.signIn(1)
    const page = await h.open('/', { ...withBadge, body: `${withBadge.body}<style>body { background: #fff }</style>` })
    await page.emulateMedia({ colorScheme: 'dark' })
    await badgeState(page, 'active')
    await page.keyboard.press('Tab')
    expect(await page.evaluate((tag) => document.querySelector(tag)!.shadowRoot!.activeElement?.className, BADGE)).toBe('toggle')
    const ring = await toggle(page).evaluate((button) => getComputedStyle(button).boxShadow)
    expect(ring).toMatch(/^rgb\((\d+), \1, \1\) 0px 0px 0px 2px$/)
    // The halo is the badge's own background: dark.
    expect(Number(/\d+/.exec(ring)![0])).toBeLessThan(64)
    // Padded, so the ring outside the host's box is in the screenshot too.
    await page.evaluate((tag) => (document.querySelector<HTMLElement>(tag)!.style.padding = '8px'), BADGE)
    await expectScreenshot(badge(page), 'dark-focus')
  })
})

describe("a theme's styling", () => {
  const VIEWPORT = { width: 800, height: 600 }
  /** The host's edges, as distances from the viewport's edges. */
  const edges = async (page: Page) => {
    const box = (await badge(page).boundingBox())!
    return {
      left: Math.round(box.x),
      top: Math.round(box.y),
      right: Math.round(VIEWPORT.width - box.x - box.width),
      bottom: Math.round(VIEWPORT.height - box.y - box.height),
    }
  }

  it('without custom properties: bottom right, 16px from both edges', async () => {
    const page = await h.open('/', { attributes: { 'data-badge': '' } })
    await badgeState(page, 'guest')
    expect(await edges(page)).toMatchObject({ right: 16, bottom: 16 })
  })

  it.each([
    ['bottom-right', { right: 40, bottom: 40 }],
    ['bottom-left', { left: 40, bottom: 40 }],
    ['top-right', { right: 40, top: 40 }],
    ['top-left', { left: 40, top: 40 }],
  ])('--b2b-auth-badge-corner: %s with --b2b-auth-badge-offset: 40px puts it there', async (corner, expected) => {
    const body = `<style>:root { --b2b-auth-badge-corner: ${corner}; --b2b-auth-badge-offset: 40px }</style>`
    const page = await h.open('/', { attributes: { 'data-badge': '' }, body })
    await badgeState(page, 'guest')
    expect(await edges(page)).toMatchObject(expected)
  })

  it("takes the theme's colours from --b2b-auth-badge-bg, -fg and -accent, and none from the theme's own rules", async () => {
    await h.signIn(1)
    const body = `<style>
      :root { --b2b-auth-badge-bg: rgb(10, 20, 30); --b2b-auth-badge-fg: rgb(240, 230, 220); --b2b-auth-badge-accent: rgb(255, 200, 0) }
      button { background: red !important; color: blue !important; outline-color: blue !important }
    </style>`
    const page = await h.open('/', { attributes: { 'data-badge': '' }, body })
    await badgeState(page, 'active')
    const colours = (locator: Locator) =>
      locator.evaluate((element) => {
        const style = getComputedStyle(element)
        return { background: style.backgroundColor, text: style.color, outline: style.outlineColor }
      })
    await page.keyboard.press('Tab')
    expect(await colours(toggle(page))).toEqual({ background: 'rgb(10, 20, 30)', text: 'rgb(240, 230, 220)', outline: 'rgb(255, 200, 0)' })
    await page.keyboard.press('Enter')
    // The panel's actions are drawn in the accent colour.
    expect(await colours(action(page, 'Refresh'))).toMatchObject({ text: 'rgb(255, 200, 0)' })
    expect(await colours(inBadge(page, '.card'))).toMatchObject({ background: 'rgb(10, 20, 30)', text: 'rgb(240, 230, 220)' })
  })

  it('spins its dot while checking only when the visitor has not asked for reduced motion; it has no transitions', async () => {
    // The mint never answers, so the badge stays in the checking state.
    h.sim.fault('authorization', { hang: true })
    await h.signIn(1)
    const page = await h.open('/', withBadge)
    await badgeState(page, 'checking')
    const motion = () =>
      page.evaluate((tag) => {
        const root = document.querySelector(tag)!.shadowRoot!
        const dot = getComputedStyle(root.querySelector('.dot')!)
        return {
          animation: dot.animationName,
          running: root.getAnimations().filter((animation) => animation.playState === 'running').length,
          transitions: [...root.querySelectorAll('*')]
            .map((element) => getComputedStyle(element).transitionDuration)
            .filter((d) => d !== '0s'),
        }
      }, BADGE)
    // This file's contexts ask for reduced motion.
    expect(await motion()).toEqual({ animation: 'none', running: 0, transitions: [] })
    await page.emulateMedia({ reducedMotion: 'no-preference' })
    expect(await motion()).toEqual({ animation: expect.not.stringMatching(/^none$/), running: 1, transitions: [] })
    await page.emulateMedia({ reducedMotion: 'reduce' })
    expect(await motion()).toEqual({ animation: 'none', running: 0, transitions: [] })
  })
})

describe('the details panel', () => {
  it('shows the session, never the token, and "Who am I?" for a company user: B2B, role, company', async () => {
    await freezeClock()
    await h.signIn(1)
    const page = await h.open('/', withBadge)
    await badgeState(page, 'active')
    await toggle(page).click()
    await action(page, 'Who am I?').click()
    await inBadge(page, 'dt').filter({ hasText: 'Company' }).waitFor()
    const current = await status(page)
    expect(await rows(page)).toEqual({
      Store: h.sim.options.storeHash,
      Channel: '1',
      Customer: '1',
      Storage: 'IndexedDB',
      Obtained: '6/1/2026, 12:00:00 PM',
      Expires: '6/2/2026, 12:00:00 PM',
      Fingerprint: current.fingerprint,
      'Last error': 'none',
      Account: 'B2B',
      Name: 'Ada Buyer',
      Role: 'Admin',
      Company: 'Acme Industrial Supply (approved)',
    })
    expect(h.sim.count('customerInfo')).toBe(1)
    expect(h.sim.count('userCompany')).toBe(1)
    // The fingerprint differs with each minted token.
    const fingerprint = 'dd:nth-of-type(7)'
    expect(await inBadge(page, fingerprint).textContent()).toBe(current.fingerprint)
    await expectScreenshot(badge(page), 'panel-light', fingerprint)
    await expectAccessible(page)
    await page.emulateMedia({ colorScheme: 'dark' })
    await expectScreenshot(badge(page), 'panel-dark', fingerprint)
    await expectAccessible(page)
    await expectNoToken(page)
  })

  it('"Who am I?" for a B2C customer: B2C, and no company', async () => {
    await h.signIn(2)
    const page = await h.open('/', withBadge)
    await badgeState(page, 'active')
    await toggle(page).click()
    await action(page, 'Who am I?').click()
    await inBadge(page, 'dt').filter({ hasText: 'Account' }).waitFor()
    expect(await rows(page)).toMatchObject({ Customer: '2', Account: 'B2C', Name: 'Bo Shopper', Role: 'B2C customer' })
    expect(await rows(page)).not.toHaveProperty('Company')
    expect(h.sim.count('userCompany')).toBe(0)
  })

  it('"Who am I?" for a super admin: B2B and the role, no userCompany (the Portal never asks it for one; the sim refuses it)', async () => {
    await h.signIn(6)
    const page = await h.open('/', withBadge)
    await badgeState(page, 'active')
    await toggle(page).click()
    await action(page, 'Who am I?').click()
    await inBadge(page, 'dt').filter({ hasText: 'Account' }).waitFor()
    expect(await rows(page)).toMatchObject({ Customer: '6', Account: 'B2B', Name: 'Sue Super', Role: 'Super Admin', 'Last error': 'none' })
    expect(await rows(page)).not.toHaveProperty('Company')
    expect(h.sim.count('userCompany')).toBe(0)
  })

  it('"Who am I?" for a token of no such user (userType 1, as the schema says)', async () => {
    await h.signIn(1)
    h.sim.fault('customerInfo', {
      status: 200,
      body: JSON.stringify({
        data: {
          customerInfo: {
            userType: 1,
            permissions: [],
            userInfo: { id: 0, email: null, firstName: null, lastName: null, role: null, companyRoleName: null },
          },
        },
      }),
    })
    const page = await h.open('/', withBadge)
    await badgeState(page, 'active')
    await toggle(page).click()
    await action(page, 'Who am I?').click()
    await inBadge(page, 'dt').filter({ hasText: 'Account' }).waitFor()
    expect(await rows(page)).toMatchObject({ Account: 'no such user', Role: '—' })
    expect(h.sim.count('userCompany')).toBe(0)
  })

  it('Refresh mints a new token; Clear forgets it', async () => {
    await h.signIn(1)
    const page = await h.open('/', withBadge)
    await badgeState(page, 'active')
    await toggle(page).click()
    const before = (await status(page)).fingerprint
    await action(page, 'Refresh').click()
    await inBadge(page, '.note').filter({ hasText: 'Refreshed.' }).waitFor()
    expect(h.sim.count('authorization')).toBe(2)
    expect((await rows(page)).Fingerprint).not.toBe(before)
    await action(page, 'Clear').click()
    await inBadge(page, '.note').filter({ hasText: 'Cleared.' }).waitFor()
    expect((await rows(page)).Fingerprint).toBe('—')
    await expectNoToken(page)
  })

  it('is keyboard operable: Tab to the button, Enter opens, Escape closes and gives the focus back', async () => {
    await h.signIn(1)
    const page = await h.open('/', withBadge)
    await badgeState(page, 'active')
    const focused = () =>
      page.evaluate((tag) => {
        const inner = document.activeElement?.shadowRoot?.activeElement
        return document.activeElement?.localName === tag
          ? (inner?.getAttribute('class') ?? inner?.localName)
          : document.activeElement?.localName
      }, BADGE)
    await page.keyboard.press('Tab')
    expect(await focused()).toBe('toggle')
    await page.keyboard.press('Enter')
    expect(await toggle(page).getAttribute('aria-expanded')).toBe('true')
    expect(await focused()).toBe('card')
    await page.keyboard.press('Tab')
    expect(await focused()).toBe('act')
    await page.keyboard.press('Escape')
    expect(await toggle(page).getAttribute('aria-expanded')).toBe('false')
    expect(await inBadge(page, '[role=dialog]').count()).toBe(0)
    expect(await focused()).toBe('toggle')
    await page.keyboard.press('Space')
    expect(await toggle(page).getAttribute('aria-expanded')).toBe('true')
    // The focus ring: a visible outline on the focused button.
    await page.keyboard.press('Escape')
    const outline = await toggle(page).evaluate((button) => getComputedStyle(button).outlineStyle)
    expect(outline).toBe('solid')
  })
})
