// How the badge writes durations and times.

/**
 * "expires in …" for a number of milliseconds left: `23h 59m 59s`, `4m 05s`, `9s`, and `expired`
 * once it is over. Rounded up, so it reads `1s` until the end.
 */
export function formatExpiresIn(ms: number): string {
  if (!(ms > 0)) return 'expired'
  const total = Math.ceil(ms / 1000)
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor(total / 60) % 60
  const seconds = total % 60
  if (hours) return `${hours}h ${pad(minutes)}m ${pad(seconds)}s`
  if (minutes) return `${minutes}m ${pad(seconds)}s`
  return `${seconds}s`
}

/** A local date and time, or a dash for none. */
export function formatTime(ms: number | null): string {
  return ms === null ? '—' : new Date(ms).toLocaleString()
}

const pad = (n: number) => String(n).padStart(2, '0')
