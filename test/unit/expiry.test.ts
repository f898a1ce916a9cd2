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
