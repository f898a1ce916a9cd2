import { describe, expect, it } from 'vitest'
import { formatExpiresIn, formatTime } from '../../../src/badge/format'

describe('"expires in"', () => {
  it('counts hours, minutes and seconds down, with the smaller units padded', () => {
    expect(formatExpiresIn(86_400_000)).toBe('24h 00m 00s')
    expect(formatExpiresIn(86_399_000)).toBe('23h 59m 59s')
    expect(formatExpiresIn(3_600_000 + 61_000)).toBe('1h 01m 01s')
    expect(formatExpiresIn(245_000)).toBe('4m 05s')
    expect(formatExpiresIn(9_000)).toBe('9s')
  })

  it('rounds up, so the last second reads 1s and not 0s', () => {
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
