import { describe, expect, it } from 'vitest'
import { formatExpiresIn, formatTime } from '../../../src/badge/format'

describe('"expires in"', () => {
  it('from an hour up: hours and minutes, to the nearest minute', () => {
    expect(formatExpiresIn(86_400_000)).toBe('24h 00m')
    expect(formatExpiresIn(3_600_000 + 61_000)).toBe('1h 01m')
    expect(formatExpiresIn(3_600_000 + 29_999)).toBe('1h 00m')
    expect(formatExpiresIn(3_600_000 + 30_000)).toBe('1h 01m')
  })

  it('a token fresh from the mint reads 24h 00m, a moment before or after the clock said 24 hours', () => {
    // Stored a second after the badge's clock read, or a second before: not 24h 00m 01s, not 23h 59m.
    expect(formatExpiresIn(86_400_000 + 1_000)).toBe('24h 00m')
    expect(formatExpiresIn(86_400_000 + 1)).toBe('24h 00m')
    expect(formatExpiresIn(86_400_000 - 1_000)).toBe('24h 00m')
    expect(formatExpiresIn(86_400_000 - 29_000)).toBe('24h 00m')
    expect(formatExpiresIn(86_400_000 - 31_000)).toBe('23h 59m')
  })

  it('below an hour: minutes and seconds, the seconds padded', () => {
    expect(formatExpiresIn(3_599_000)).toBe('59m 59s')
    expect(formatExpiresIn(245_000)).toBe('4m 05s')
    expect(formatExpiresIn(9_000)).toBe('9s')
  })

  it('crossing the hour: 1h 00m, then 59m 59s, never 60m', () => {
    expect(formatExpiresIn(3_599_001)).toBe('1h 00m')
    expect(formatExpiresIn(3_599_000)).toBe('59m 59s')
  })

  it('below an hour, rounds up, so the last second reads 1s and not 0s', () => {
    expect(formatExpiresIn(1)).toBe('1s')
    expect(formatExpiresIn(59_001)).toBe('1m 00s')
  })

  it('says expired once the time is up, or when there is no sane time', () => {
    expect(formatExpiresIn(0)).toBe('expired')
    expect(formatExpiresIn(-5_000)).toBe('expired')
    expect(formatExpiresIn(Number.NaN)).toBe('expired')
  })
})

describe('times', () => {
  it('shows a local date and time, or a dash for none', () => {
    const at = Date.parse('2026-06-01T12:00:00Z')
    expect(formatTime(at)).toBe(new Date(at).toLocaleString())
    expect(formatTime(null)).toBe('—')
  })
})
