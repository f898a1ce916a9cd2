import { describe, expect, it } from 'vitest'
import { EXPIRY_MARGIN_MS, isFresh, needsRenewal, TOKEN_LIFETIME_MS, tokenExpiry } from '../../../src/core/expiry'
import { makeJwt } from '../support/jwt'

const NOW = Date.UTC(2026, 10, 26, 12)
const HOUR = 3_600_000

describe('isFresh', () => {
  const entry = { obtainedAt: NOW, expiresAt: NOW + 24 * HOUR }

  it('is fresh until the margin before expiry', () => {
    expect(isFresh(entry, NOW)).toBe(true)
    expect(isFresh(entry, entry.expiresAt - EXPIRY_MARGIN_MS - 1)).toBe(true)
    expect(isFresh(entry, entry.expiresAt - EXPIRY_MARGIN_MS)).toBe(false)
  })

  it('is not fresh when the clock moved back before the token was obtained', () => {
    expect(isFresh(entry, NOW - 2 * 60_000)).toBe(false)
  })
})

describe('needsRenewal', () => {
  it("is due in the last two margins of a day-long token's life, so a day of browsing mints once", () => {
    const day = { obtainedAt: NOW, expiresAt: NOW + 24 * HOUR }
    // The bench's last view of the day, 23.76 h in, is served without a renewal.
    expect(needsRenewal(day, NOW + 23.76 * HOUR)).toBe(false)
    expect(needsRenewal(day, day.expiresAt - 2 * EXPIRY_MARGIN_MS - 1)).toBe(false)
    expect(needsRenewal(day, day.expiresAt - 2 * EXPIRY_MARGIN_MS)).toBe(true)
    expect(isFresh(day, day.expiresAt - 2 * EXPIRY_MARGIN_MS)).toBe(true)
  })

  it('scales the margin down for a short-lived token, which is still fresh for most of its life', () => {
    const short = { obtainedAt: NOW, expiresAt: NOW + 8 * 60_000 }
    expect(isFresh(short, NOW + 5 * 60_000)).toBe(true)
    expect(needsRenewal(short, NOW + 3 * 60_000)).toBe(false)
    expect(needsRenewal(short, NOW + 4 * 60_000)).toBe(true)
    expect(isFresh(short, NOW + 6 * 60_000)).toBe(false)
  })
})

describe('tokenExpiry', () => {
  it('uses exp - iat of a JWT token, so neither server clock matters', () => {
    const token = makeJwt({ iat: 1000, exp: 1000 + 3600 })
    expect(tokenExpiry(token, NOW, 0)).toBe(NOW + 3600_000)
  })

  it('uses exp alone, shifted by the storefront clock offset, when there is no iat', () => {
    const exp = NOW / 1000 + 7200 + 60 // the server's clock is a minute ahead
    expect(tokenExpiry(makeJwt({ exp }), NOW, 60_000)).toBe(NOW + 7200_000)
  })

  it('keeps a short life, however short: a day would serve the token long after it expired', () => {
    expect(tokenExpiry(makeJwt({ iat: 1000, exp: 1000 + 600 }), NOW, 0)).toBe(NOW + 600_000)
    expect(tokenExpiry(makeJwt({ iat: 1000, exp: 1000 + 120 }), NOW, 0)).toBe(NOW + 120_000)
    expect(tokenExpiry(makeJwt({ exp: NOW / 1000 + 240 }), NOW, 0)).toBe(NOW + 240_000)
  })

  // The B2B Edition docs' example tokens have a placeholder exp or none. A placeholder (an exp no
  // later than iat, or already past when the token arrives) still falls back to the day the
  // authentication guide gives a storefront token.
  it('falls back to a day for an opaque token, a placeholder exp or an absurd one', () => {
    expect(tokenExpiry('opaque-token-without-dots', NOW, 0)).toBe(NOW + TOKEN_LIFETIME_MS)
    expect(tokenExpiry(makeJwt({ iat: 1000 }), NOW, 0)).toBe(NOW + TOKEN_LIFETIME_MS)
    expect(tokenExpiry(makeJwt({ iat: 1000, exp: '1600' }), NOW, 0)).toBe(NOW + TOKEN_LIFETIME_MS)
    expect(tokenExpiry(makeJwt({ iat: 1000, exp: 1000 }), NOW, 0)).toBe(NOW + TOKEN_LIFETIME_MS)
    expect(tokenExpiry(makeJwt({ iat: 1000, exp: 900 }), NOW, 0)).toBe(NOW + TOKEN_LIFETIME_MS)
    expect(tokenExpiry(makeJwt({ exp: 1 }), NOW, 0)).toBe(NOW + TOKEN_LIFETIME_MS)
    expect(tokenExpiry(makeJwt({ exp: NOW / 1000 - 1 }), NOW, 0)).toBe(NOW + TOKEN_LIFETIME_MS)
    expect(tokenExpiry(makeJwt({ iat: 0, exp: 10 ** 10 }), NOW, 0)).toBe(NOW + TOKEN_LIFETIME_MS)
    expect(tokenExpiry(makeJwt({ iat: 1000, exp: 1000 + 32 * 86_400 }), NOW, 0)).toBe(NOW + TOKEN_LIFETIME_MS)
  })
})
