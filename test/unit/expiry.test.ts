import { describe, expect, it } from 'vitest'
import { EXPIRY_MARGIN_MS, isFresh, needsRenewal } from '../../src/expiry'

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
  it('is due in the last twentieth of a token\'s life', () => {
    const day = { obtainedAt: NOW, expiresAt: NOW + 24 * HOUR }
    expect(needsRenewal(day, NOW + 22.7 * HOUR)).toBe(false)
    expect(needsRenewal(day, NOW + 22.8 * HOUR)).toBe(true)
  })

  it('is due at least twice the margin ahead, for short-lived tokens', () => {
    const short = { obtainedAt: NOW, expiresAt: NOW + 30 * 60_000 }
    expect(needsRenewal(short, NOW + 19 * 60_000)).toBe(false)
    expect(needsRenewal(short, NOW + 20 * 60_000)).toBe(true)
  })
})
