import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { settled, storedTokens, useBrowser } from './harness'

// The harness itself: what one test leaves behind, the next never sees, though the tests of a
// file share a browser context (recycle.ts); and no request leaves 127.0.0.1.

const h = useBrowser()
let first: Page | undefined

describe('one test to the next', () => {
  it('a test leaves cookies, a stored token, local and session storage and a cached file behind', async () => {
    await h.signIn(1)
    const page = await h.open('/')
    first = page
    expect(await settled(page)).toBe('ready')
    await page.evaluate(async () => {
      localStorage.setItem('left', '1')
      sessionStorage.setItem('left', '1')
      // The simulator marks current.jwt cacheable for five minutes: now in the HTTP cache.
      await fetch('/customer/current.jwt?app_client_id=cached')
    })
    expect(await storedTokens(page)).toHaveLength(1)
  })

  it('the next finds none of it, in the same tab', async () => {
    expect(await h.context.cookies()).toEqual([])
    const page = await h.open('/')
    expect(page).toBe(first)
    expect(await settled(page)).toBe('guest')
    expect(await page.evaluate(() => [localStorage.getItem('left'), sessionStorage.getItem('left')])).toEqual([null, null])
    expect(await storedTokens(page)).toEqual([])
    // Asked of the simulator again, not answered from the last test's HTTP cache.
    await page.evaluate(() => fetch('/customer/current.jwt?app_client_id=cached'))
    expect(h.sim.log.filter((r) => r.query.app_client_id === 'cached')).toHaveLength(1)
  })

  it('a test may fix the clock of the shared context: that context is closed after it', async () => {
    await h.context.clock.setFixedTime(Date.parse('2020-01-01T00:00:00Z'))
    const page = await h.open('/')
    expect(await page.evaluate(() => new Date().getFullYear())).toBe(2020)
  })

  it('…and after it, the clock is real', async () => {
    const page = await h.open('/')
    expect(await page.evaluate(() => Math.abs(Date.now() - new Date().getTime()) < 1000 && new Date().getFullYear() > 2020)).toBe(true)
  })
})

describe('fixClock()', () => {
  const time = Date.parse('2021-03-04T05:06:07Z')
  let fixed: Page | undefined
  it('fixes Date.now() in the pages of the test, timers still running', async () => {
    await h.fixClock(time)
    await h.signIn(1)
    fixed = await h.open('/')
    expect(await settled(fixed)).toBe('ready')
    expect(await fixed.evaluate(() => new Promise((resolve) => setTimeout(() => resolve(Date.now()), 50)))).toBe(time)
  })

  it('the next test with that time gets the same context, emptied', async () => {
    await h.fixClock(time)
    const page = await h.open('/')
    expect(page).toBe(fixed)
    expect(await page.evaluate(() => Date.now())).toBe(time)
    expect(await settled(page)).toBe('guest')
  })

  it('a test without it has the real clock', async () => {
    const page = await h.open('/')
    expect(await page.evaluate(() => Math.abs(Date.now() - new Date().getTime()) < 1000 && new Date().getFullYear() > 2021)).toBe(true)
  })
})

describe('the network', () => {
  it('reaches loopback only: a host name or another address fails at the closed proxy, and nothing is sent', async () => {
    const page = await h.open('/')
    const failures: (string | undefined)[] = []
    page.on('requestfailed', (request) => failures.push(request.failure()?.errorText))
    const outcomes = await page.evaluate(() =>
      Promise.all(
        ['http://api-b2b.bigcommerce.com/graphql', 'https://example.com/', 'http://10.0.0.1/'].map((url) =>
          fetch(url, { mode: 'no-cors' }).then(
            () => 'sent',
            () => 'failed',
          ),
        ),
      ),
    )
    expect(outcomes).toEqual(['failed', 'failed', 'failed'])
    // Refused by the proxy flag, not by a network this machine happens not to have.
    expect(failures).toEqual(['net::ERR_PROXY_CONNECTION_FAILED', 'net::ERR_PROXY_CONNECTION_FAILED', 'net::ERR_PROXY_CONNECTION_FAILED'])
  })
})
