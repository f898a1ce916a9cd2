// How the badge writes durations and times.

/**
 * "expires in …" for a number of milliseconds left: `24h 00m`, `4m 05s`, `9s`, and `expired` once
 * it is over. From an hour up, to the nearest minute: a token fresh from the mint reads `24h 00m`
 * whether the clock read a little before or after it was stored, and the pill does not tick every
 * second for a day. Below an hour, seconds rounded up, so it reads `1s` until the end.
 */
export function formatExpiresIn(ms: number): string {
  if (!(ms > 0)) return 'expired'
  const total = Math.ceil(ms / 1000)
  if (total >= 3600) {
    const minutes = Math.round(ms / 60_000)
    return `${Math.floor(minutes / 60)}h ${pad(minutes % 60)}m`
  }
  const minutes = Math.floor(total / 60)
  const seconds = total % 60
  return minutes ? `${minutes}m ${pad(seconds)}s` : `${seconds}s`
}

/** A local date and time, or a dash for none. */
export function formatTime(ms: number | null): string {
  return ms === null ? '—' : new Date(ms).toLocaleString()
}

const pad = (n: number) => String(n).padStart(2, '0')
