import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { debugging, setDebugging, trace } from '../../../src/core/debug'

const debugLines = () => vi.spyOn(console, 'debug').mockImplementation(() => {})

beforeEach(() => setDebugging(false))
afterEach(() => history.replaceState(null, '', '/shop/'))

describe('debug mode', () => {
  it('is off by default: the flow logs nothing', () => {
    const lines = debugLines()
    expect(debugging()).toBe(false)
    trace('current.jwt: customer 7', performance.now())
    expect(lines).not.toHaveBeenCalled()
  })

  it('is on for a page whose URL has b2b-auth-debug=1, before anything has stored it', () => {
    history.replaceState(null, '', '/shop/?utm=x&b2b-auth-debug=1')
    expect(sessionStorage.getItem('stencil-b2b-auth:debug')).toBeNull()
    const lines = debugLines()
    expect(debugging()).toBe(true)
    // The first step of a cold page, traced although the badge chunk has not run yet.
    trace('current.jwt: customer 7', performance.now() - 12)
    expect(lines.mock.calls).toEqual([[expect.stringMatching(/^\[b2b-auth\] current\.jwt: customer 7 \(\d+ ms\)$/)]])
  })

  it.each(['?b2b-auth-debug=0', '?b2b-auth-debug=10', '?not-b2b-auth-debug=1', '#b2b-auth-debug=1'])('stays off for %s', (suffix) => {
    history.replaceState(null, '', `/shop/${suffix}`)
    expect(debugging()).toBe(false)
  })

  it('is remembered for the tab once turned on, and forgotten once turned off', () => {
    setDebugging(true)
    history.replaceState(null, '', '/shop/cart.php')
    expect(debugging()).toBe(true)
    setDebugging(false)
    expect(debugging()).toBe(false)
  })

  it('follows the URL for its own page view even after debug(false)', () => {
    history.replaceState(null, '', '/shop/?b2b-auth-debug=1')
    setDebugging(true)
    setDebugging(false)
    expect(debugging()).toBe(true)
    history.replaceState(null, '', '/shop/')
    expect(debugging()).toBe(false)
  })

  it('still follows the URL where sessionStorage throws (storage blocked)', () => {
    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new DOMException('blocked', 'SecurityError')
    })
    expect(debugging()).toBe(false)
    history.replaceState(null, '', '/shop/?b2b-auth-debug=1')
    expect(debugging()).toBe(true)
  })

  it('logs a step without a time when given none', () => {
    setDebugging(true)
    const lines = debugLines()
    trace('cache: hit')
    expect(lines.mock.calls).toEqual([['[b2b-auth] cache: hit']])
  })
})
