import { describe, expect, it } from 'vitest'
import { TOKEN_LIFETIME_MS, tokenExpiry } from '../../src/token-lifetime'
import { makeJwt } from './support/jwt'

const NOW = Date.UTC(2026, 10, 26, 12)

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

  // The facts: the docs' example tokens have a placeholder exp or none. A placeholder (an exp no
  // later than iat, or already past when the token arrives) still falls back to the seed's day.
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

describe('tokenExpiry of a token of unknown age (the Buyer Portal\'s)', () => {
  it('uses exp itself, not exp - iat: the token may be old', () => {
    const exp = NOW / 1000 + 600 * 60
    expect(tokenExpiry(makeJwt({ iat: NOW / 1000 - 3600 * 20, exp }), NOW, 0, false)).toBe(exp * 1000)
  })

  it('trusts an opaque one for an hour', () => {
    expect(tokenExpiry('opaque', NOW, 0, false)).toBe(NOW + 3_600_000)
  })
})

