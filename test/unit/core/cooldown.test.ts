import { describe, expect, it, vi } from 'vitest'
import {
  checkPause,
  COOLDOWN_MS,
  endPause,
  endPauseUnless,
  MAX_COOLDOWN_MS,
  pauses,
  pausesNoTab,
  startPause,
} from '../../../src/core/cooldown'
import { B2BAuthError } from '../../../src/core/errors'

const NOW = 1_800_000_000_000
const outage = new B2BAuthError('http', 'B2B GraphQL B2BAuthorization answered HTTP 503', { status: 503 })

describe('the pause (core/cooldown.ts)', () => {
  it('after a failure, answers with it for the cooldown, to every tab', () => {
    startPause({}, 'abc123|1', '42', outage, NOW)
    const otherTab = {}
    const paused = checkPause(otherTab, 'abc123|1', '42', NOW + 1000)
    expect(paused?.code).toBe('http')
    expect(paused?.message).toMatch(/^B2B GraphQL B2BAuthorization answered HTTP 503 \(not retried for 29 s\)$/)
    expect(checkPause(otherTab, 'abc123|1', '42', NOW + COOLDOWN_MS)).toBeUndefined()
  })

  it.each([
    ['network', undefined],
    ['timeout', undefined],
    ['http', 503],
    ['http', 429],
    ['graphql', 502],
    ['invalid_jwt', 200],
    ['jwt_audience', undefined],
    ['graphql', 200],
    ['http', 403],
    ['invalid_response', 200],
  ] as const)('pauses after an outage, a rate limit or a misconfiguration: %s %s', (code, status) => {
    const tab = {}
    startPause(tab, 's|1', '42', new B2BAuthError(code, 'down', status ? { status } : {}), NOW)
    expect(checkPause(tab, 's|1', '42', NOW)?.code).toBe(code)
  })

  it.each([
    ['html_response', 200],
    ['jwt_expired', undefined],
    ['aborted', undefined],
  ] as const)("does not pause after what the shopper's session explains, nor an abort: %s %s", (code, status) => {
    const tab = {}
    startPause(tab, 's|1', '42', new B2BAuthError(code, 'bad', status ? { status } : {}), NOW)
    expect(checkPause(tab, 's|1', '42', NOW)).toBeUndefined()
    expect(localStorage.length).toBe(0)
  })

  it('a pause read back is not started again: its end stays where it was', () => {
    const tab = {}
    startPause(tab, 's|1', '42', outage, NOW)
    const paused = checkPause(tab, 's|1', '42', NOW + 20_000)!
    expect(pauses(paused)).toBe(false)
    startPause(tab, 's|1', '42', paused, NOW + 20_000)
    expect(checkPause(tab, 's|1', '42', NOW + COOLDOWN_MS)).toBeUndefined()
  })

  it('one rule, pauses(): a failure marked by pausesNoTab() pauses no tab, whatever its code', () => {
    const marked = pausesNoTab(new B2BAuthError('client_id', 'nobody is signed in'))
    expect([pauses(outage), pauses(marked), pauses(new B2BAuthError('client_id', 'wrong app'))]).toEqual([true, false, true])
    const tab = {}
    startPause(tab, 's|1', '42', marked, NOW)
    expect(checkPause(tab, 's|1', '42', NOW)).toBeUndefined()
    expect(localStorage.length).toBe(0)
  })

  it('endPause() ends the pause for every tab, as a sign-in does', () => {
    startPause({}, 's|1', '42', outage, NOW)
    endPause({})
    expect(checkPause({}, 's|1', '42', NOW)).toBeUndefined()
  })

  it('an entry read back is its own fields only: one that lacks them is no pause, whatever Object.prototype holds', () => {
    const planted = { scope: 's|1', customer: '42', at: NOW, until: NOW + COOLDOWN_MS, code: 'http', message: 'planted' }
    Object.assign(Object.prototype, planted)
    try {
      localStorage.setItem('stencil-b2b-auth:cooldown', '{}')
      expect(checkPause({}, 's|1', '42', NOW)).toBeUndefined()
    } finally {
      for (const key of Object.keys(planted)) delete (Object.prototype as Record<string, unknown>)[key]
    }
  })

  it('is per store and channel', () => {
    const tab = {}
    startPause(tab, 'abc123|1', '42', outage, NOW)
    expect(checkPause(tab, 'abc123|2', '42', NOW)).toBeUndefined()
  })

  it('honours a longer Retry-After, up to five minutes', () => {
    const tab = {}
    startPause(tab, 's|1', '42', new B2BAuthError('http', '429', { status: 429, retryAfterMs: 120_000 }), NOW)
    expect(checkPause(tab, 's|1', '42', NOW + 119_000)).toBeDefined()
    expect(checkPause(tab, 's|1', '42', NOW + 120_000)).toBeUndefined()
    startPause(tab, 's|1', '42', new B2BAuthError('http', '429', { status: 429, retryAfterMs: 3_600_000 }), NOW)
    expect(checkPause(tab, 's|1', '42', NOW + 300_000)).toBeUndefined()
  })

  it('ends on success', () => {
    const tab = {}
    startPause(tab, 's|1', '42', outage, NOW)
    endPause({})
    expect(checkPause({}, 's|1', '42', NOW)).toBeUndefined()
  })

  it('holds for the page when localStorage refuses', () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('quota', 'QuotaExceededError')
    })
    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError')
    })
    const page = {}
    const tab = page
    startPause(tab, 's|1', '42', outage, NOW)
    expect(checkPause(tab, 's|1', '42', NOW)?.code).toBe('http')
    // The sign-in chunk's own cooldown, on the same page (the engine), sees the pause and ends it.
    const signIns = page
    expect(checkPause(signIns, 's|1', '42', NOW)?.code).toBe('http')
    endPause(page)
    expect(checkPause(tab, 's|1', '42', NOW)).toBeUndefined()
    // Another page (tab) never had it.
    expect(checkPause({}, 's|1', '42', NOW)).toBeUndefined()
  })

  it("is the customer's own: another customer, or a page that does not know whose, is not paused", () => {
    const tab = {}
    startPause(tab, 's|1', '42', new B2BAuthError('graphql', 'Your business account is pending approval (ada@example.com)'), NOW)
    expect(checkPause(tab, 's|1', '43', NOW)).toBeUndefined()
    expect(checkPause(tab, 's|1', '', NOW)).toBeUndefined()
    expect(checkPause(tab, 's|1', '42', NOW)?.message).toContain('pending approval')
  })

  it('ends when current.jwt names someone else, and holds when it names the same customer', () => {
    const tab = {}
    startPause(tab, 's|1', '42', outage, NOW)
    endPauseUnless(tab, '42')
    expect(checkPause(tab, 's|1', '42', NOW)).toBeDefined()
    endPauseUnless(tab, '43')
    expect(checkPause(tab, 's|1', '42', NOW)).toBeUndefined()
  })

  it('never lasts past five minutes from its start, whatever the entry says', () => {
    localStorage.setItem(
      'stencil-b2b-auth:cooldown',
      JSON.stringify({ scope: 's|1', customer: '42', at: NOW, until: NOW + 86_400_000, code: 'http', message: 'down', details: {} }),
    )
    expect(checkPause({}, 's|1', '42', NOW + MAX_COOLDOWN_MS - 1000)?.code).toBe('http')
    expect(checkPause({}, 's|1', '42', NOW + MAX_COOLDOWN_MS)).toBeUndefined()
  })

  it('counts for nothing when it started in the future (the clock was fast) or its fields are not what this module writes', () => {
    const tab = {}
    startPause(tab, 's|1', '42', outage, NOW + 86_400_000)
    expect(checkPause(tab, 's|1', '42', NOW)).toBeUndefined()
    for (const planted of [
      { scope: 's|1', until: NOW + 86_400_000, code: 'http', message: 'down' },
      { scope: 's|1', customer: '42', at: String(NOW), until: NOW + 1000, code: 'http', message: 'down' },
      { scope: 's|1', customer: '42', at: NOW, until: null, code: 'http', message: 'down' },
      { scope: 's|1', customer: '42', at: NOW, until: NOW + 1000, code: 7, message: 'down' },
      'junk',
    ]) {
      localStorage.setItem('stencil-b2b-auth:cooldown', JSON.stringify(planted))
      expect(checkPause({}, 's|1', '42', NOW)).toBeUndefined()
    }
  })
})
