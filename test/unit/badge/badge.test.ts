import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { hideBadge } from '../../../src/badge'
import { debugging, debugTyped, setDebugging } from '../../../src/core/debug'
import { fakeApi, IDLE, NOW, READY, TOKEN } from './fake-api'
import { $, host, line, liveRegion, markup, rows, shortLine, show, toggle } from './mount'

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] })
  vi.setSystemTime(NOW)
  setDebugging(false)
})
afterEach(() => {
  vi.useRealTimers()
  history.replaceState(null, '', '/shop/')
})

describe('showing and hiding', () => {
  it('puts one host element at the end of <body>, with an open shadow root and a real button', () => {
    const { api } = fakeApi()
    show(api)
    show(api)
    expect(document.querySelectorAll('stencil-b2b-auth-badge')).toHaveLength(1)
    expect(document.body.lastElementChild).toBe(host())
    expect(host()!.shadowRoot).not.toBeNull()
    expect(toggle().tagName).toBe('BUTTON')
    expect(toggle().getAttribute('type')).toBe('button')
    expect(toggle().getAttribute('aria-expanded')).toBe('false')
  })

  it('hideBadge() removes it, unsubscribes and stops the clock', () => {
    const { api, listeners } = fakeApi()
    show(api)
    expect(listeners.size).toBe(1)
    expect(vi.getTimerCount()).toBe(1)
    hideBadge(api)
    expect(host()).toBeNull()
    expect(listeners.size).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
    hideBadge(api)
  })

  it('waits while the token is read from IndexedDB: drawn once it is known, or as a mint begins', () => {
    const warm = fakeApi({ ...IDLE, state: 'loading' })
    show(warm.api)
    expect(host()).toBeNull()
    warm.publish(READY)
    expect(line()).toContain('active')
    expect(warm.listeners.size).toBe(1)
    hideBadge(warm.api)

    const cold = fakeApi({ ...IDLE, state: 'loading' })
    show(cold.api)
    expect(host()).toBeNull()
    cold.publish({ refreshing: true })
    expect(line()).toContain('checking')
  })

  it('hideBadge() while it waits calls the badge off: nothing is drawn when the token comes', () => {
    const { api, listeners, publish } = fakeApi({ ...IDLE, state: 'loading' })
    show(api)
    hideBadge(api)
    expect(listeners.size).toBe(0)
    publish(READY)
    expect(host()).toBeNull()
  })

  it('can be shown again after hiding', () => {
    const { api } = fakeApi()
    show(api)
    hideBadge(api)
    show(api)
    expect(line()).toContain('active')
  })

  it('?b2b-auth-debug=1 is debug mode for its own page view only: a link cannot leave it on for the tab', () => {
    const { api } = fakeApi()
    history.replaceState(null, '', '/shop/?b2b-auth-debug=1')
    show(api)
    expect(debugging()).toBe(true)
    expect(debugTyped()).toBe(false)
    // The next page of the tab, without the flag in its URL.
    history.replaceState(null, '', '/shop/cart.php')
    expect(debugging()).toBe(false)
  })

  it("takes the corner from the theme's --b2b-auth-badge-corner", () => {
    const style = document.head.appendChild(document.createElement('style'))
    style.textContent = 'stencil-b2b-auth-badge { --b2b-auth-badge-corner: top-left }'
    try {
      const { api } = fakeApi()
      show(api)
      expect(host()!.getAttribute('data-corner')).toBe('top-left')
    } finally {
      style.remove()
    }
  })
})

describe('each state, from the status', () => {
  it('guest', () => {
    const { api } = fakeApi({ ...IDLE, state: 'guest' })
    show(api)
    expect($('.root')!.dataset.state).toBe('guest')
    expect(line()).toBe('B2Bguest')
  })

  it('checking: loading, or idle before anything was asked', () => {
    const { api, publish } = fakeApi({ ...IDLE, state: 'loading', refreshing: true })
    show(api)
    expect($('.root')!.dataset.state).toBe('checking')
    expect(line()).toBe('B2Bchecking…')
    publish({ state: 'idle', refreshing: false })
    expect($('.root')!.dataset.state).toBe('checking')
    expect(line()).toBe('B2Bno token yet')
  })

  it('active: the customer, the channel, and "expires in" counting down once a second; a shorter line for a narrow screen', () => {
    const { api } = fakeApi({ channelId: 2, expiresAt: NOW + 3_600_000 + 5_000 })
    show(api)
    expect($('.root')!.dataset.state).toBe('active')
    expect(line()).toBe('B2Bactive · customer 1 · channel 2 · expires in 1h 00m')
    expect(shortLine()).toBe('customer 1 · 1h 00m')
    vi.advanceTimersByTime(5000)
    expect(line()).toBe('B2Bactive · customer 1 · channel 2 · expires in 1h 00m')
    vi.advanceTimersByTime(1000)
    expect(line()).toBe('B2Bactive · customer 1 · channel 2 · expires in 59m 59s')
    vi.advanceTimersByTime(1000)
    expect(line()).toBe('B2Bactive · customer 1 · channel 2 · expires in 59m 58s')
  })

  it('a failed renewal with the token still valid: the pill says the token holds and the renewal failed', () => {
    const { api } = fakeApi({ error: { code: 'timeout', message: 'The B2B API took longer than 10000 ms' } })
    show(api)
    expect($('.root')!.dataset.state).toBe('renewal-failed')
    expect(line()).toBe('B2Btoken holds · last renewal failed (timeout) · customer 1 · channel 1 · expires in 24h 00m')
    expect(shortLine()).toBe('token holds · renewal failed')
    expect(liveRegion()).toBe('B2B auth: token holds · last renewal failed (timeout) · customer 1 · channel 1')
  })

  it('refreshing: a token held while a new one is minted', () => {
    const { api } = fakeApi({ refreshing: true })
    show(api)
    expect($('.root')!.dataset.state).toBe('refreshing')
    expect(line()).toBe('B2Brefreshing · customer 1 · channel 1')
  })

  it('error: the code and message, and Retry asks for a new token', () => {
    const { api, spies } = fakeApi({ ...IDLE, state: 'error', error: { code: 'http', message: 'The B2B API answered HTTP 500' } })
    show(api)
    expect($('.root')!.dataset.state).toBe('error')
    expect(line()).toBe('B2Berror · http')
    expect($('.bad')!.textContent).toContain('http: The B2B API answered HTTP 500')
    ;($('.bad button') as HTMLButtonElement).click()
    expect(spies.getB2BToken).toHaveBeenCalledWith({ forceRefresh: true })
  })

  describe('the store and customer the page named, where the status has none', () => {
    const tag = (customerId: string) => {
      const holder = document.createElement('div')
      holder.innerHTML = `<script type="module" src="/dist/stencil-b2b-auth.js" data-store-hash="abc123" data-customer-id="${customerId}"></script>`
      document.head.append(holder)
    }
    afterEach(() => document.head.replaceChildren())

    it('error: in the line, in the error card and in the panel', () => {
      tag('7')
      const { api } = fakeApi({ ...IDLE, state: 'error', error: { code: 'client_id', message: 'Set data-client-id' } })
      show(api)
      expect(line()).toBe('B2Berror · client_id · store abc123 · customer 7')
      // A narrow screen has no room for them in the pill: the error card shows them.
      expect(shortLine()).toBe('error · client_id')
      expect($('.bad .where')!.textContent).toBe('store abc123 · customer 7')
      expect(liveRegion()).toBe('B2B auth: error · client_id · store abc123 · customer 7')
      toggle().click()
      expect(rows()).toMatchObject({ Store: 'abc123', Customer: '7' })
    })

    it('guest: the store, and "a guest page" for an empty data-customer-id', () => {
      tag('')
      const { api } = fakeApi({ ...IDLE, state: 'guest' })
      show(api)
      expect(line()).toBe('B2Bguest · store abc123')
      toggle().click()
      expect(rows()).toMatchObject({ Store: 'abc123', Customer: 'none (a guest page)' })
    })
  })

  it('memory-only storage, beside the state', () => {
    const { api } = fakeApi({ storage: 'memory' })
    show(api)
    expect($('.tag')!.textContent).toBe('memory only')
    expect(liveRegion()).toBe('B2B auth: active · customer 1 · channel 1 · memory only')
  })

  it('follows the engine: each change re-renders, and the live region announces the new state', () => {
    const { api, publish } = fakeApi({ ...IDLE, state: 'loading', refreshing: true })
    show(api)
    expect(liveRegion()).toBe('B2B auth: checking…')
    expect($('[role=status]')!.getAttribute('aria-live')).toBe('polite')
    publish(READY)
    expect(liveRegion()).toBe('B2B auth: active · customer 1 · channel 1')
    // The countdown is not announced: the live region stays as it was.
    vi.advanceTimersByTime(3000)
    expect(liveRegion()).toBe('B2B auth: active · customer 1 · channel 1')
    publish({ ...IDLE, state: 'error', error: { code: 'network', message: 'offline' } })
    expect(liveRegion()).toBe('B2B auth: error · network')
  })

  it('never shows the token: fingerprints only', () => {
    const { api } = fakeApi()
    show(api)
    toggle().click()
    expect(markup()).toContain(READY.fingerprint)
    expect(markup()).not.toContain(TOKEN)
  })
})
