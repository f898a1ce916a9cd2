import { describe, expect, it } from 'vitest'
import { settled, useBrowser } from './harness'
import { badge, expectNoSecretInConsole, moduleLines } from './support'

// The console API in Chromium: debug mode's lines on a real cold page, and what each console
// function makes the page download.

const h = useBrowser()

/** Requests for one of the module's chunks, by name: flow, badge, console, sign-in. */
const chunkRequests = (name: string) =>
  h.sim.log.filter(
    (request) => request.server === 'storefront' && new RegExp(`^/dist/stencil-b2b-auth-${name}-[\\w-]+\\.js$`).test(request.path),
  ).length

describe('debug mode', () => {
  it('window.b2bAuth.debug(true), then a reload that mints: each step in the console with its time, no token or JWT', async () => {
    const page = await h.open('/')
    expect(await settled(page)).toBe('guest')
    await page.evaluate(() => window.b2bAuth.debug(true))
    await h.signIn(1)
    await page.reload()
    await page.waitForFunction(() => window.b2bAuth?.getB2BStatus().state === 'ready')
    expect(h.sim.count('authorization')).toBe(1)
    const lines = moduleLines(h)
    expect(lines).toContain('[b2b-auth] debug on for this tab')
    expect(lines).toContainEqual(expect.stringMatching(/^\[b2b-auth\] current\.jwt: customer 1 \(\d+ ms\)$/))
    expect(lines).toContainEqual(expect.stringMatching(/^\[b2b-auth\] authorization: token \S+, expires \S+ \(\d+ ms\)$/))
    expect(lines).toContainEqual(expect.stringMatching(/^\[b2b-auth\] ready: token \S+ for customer 1 \(\d+ ms\)$/))
    expectNoSecretInConsole(h, { issued: true })
  })

  it('?b2b-auth-debug=1 traces a cold page from its first step, before the badge has loaded', async () => {
    // The badge chunk (which also remembers debug mode for the tab) is held back until the token
    // is there, so nothing it does can be what turned the tracing on.
    let release = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    await h.context.route(/\/stencil-b2b-auth-badge-[\w-]+\.js$/, async (route) => {
      await held
      await route.continue()
    })
    await h.signIn(1)
    const page = await h.open('/?b2b-auth-debug=1')
    await page.waitForFunction(() => window.b2bAuth.getB2BStatus().state === 'ready')
    expect(await badge(page).count()).toBe(0)
    expect(moduleLines(h)).toContainEqual(expect.stringMatching(/^\[b2b-auth\] current\.jwt: customer 1 \(\d+ ms\)$/))
    expectNoSecretInConsole(h, { issued: true })
    release()
    await badge(page).waitFor()
  })

  it('window.b2bAuth.debug(false) stops it for the next pages', async () => {
    await h.signIn(1)
    const page = await h.open('/')
    await settled(page)
    await page.evaluate(() => window.b2bAuth.debug(true))
    await page.evaluate(() => window.b2bAuth.debug(false))
    await page.evaluate(() => window.b2bAuth.clear())
    await page.reload()
    await page.waitForFunction(() => window.b2bAuth?.getB2BStatus().state === 'ready')
    expect(h.sim.count('authorization')).toBe(2)
    expect(moduleLines(h)).toEqual(['[b2b-auth] debug on for this tab', '[b2b-auth] debug off'])
  })
})

describe('what the console functions download', () => {
  it('help(), status() and debug() on a page without the badge download the console chunk once, and not the badge', async () => {
    const page = await h.open('/')
    await settled(page)
    await page.evaluate(() => window.b2bAuth.help())
    await page.evaluate(() => window.b2bAuth.status())
    await page.evaluate(() => window.b2bAuth.debug(false))
    expect(h.consoleLines).toContainEqual(expect.stringContaining('showBadge() / hideBadge()'))
    expect(chunkRequests('console')).toBe(1)
    expect(chunkRequests('badge')).toBe(0)
    expect(await badge(page).count()).toBe(0)
    // showBadge() is what downloads the badge.
    await page.evaluate(() => window.b2bAuth.showBadge())
    expect(chunkRequests('badge')).toBe(1)
    expect(await badge(page).count()).toBe(1)
  })
})
