const MINUTE = 60_000
/** A token is treated as expired this much early, so a request sent with it still lands in time. */
export const EXPIRY_MARGIN_MS = 5 * MINUTE
/** How far in the future an obtainedAt may lie before the clock is taken to have moved back. */
const CLOCK_SLACK_MS = MINUTE

type Lifetime = { obtainedAt: number; expiresAt: number }

// The margin shrinks for a short-lived token, which would otherwise never count as fresh.
const margin = (entry: Lifetime) => Math.min(EXPIRY_MARGIN_MS, (entry.expiresAt - entry.obtainedAt) / 4)

/** Usable now: not within the margin of its expiry, and not obtained "in the future". */
export function isFresh(entry: Lifetime, now = Date.now()): boolean {
  return entry.obtainedAt <= now + CLOCK_SLACK_MS && now < entry.expiresAt - margin(entry)
}

/**
 * In the last two margins of its life (10 minutes of a day-long token): still served, while a new
 * token is minted in the background on the next call. As auth SDKs do (Firebase and MSAL renew 5
 * minutes ahead), the window is short, so a day of browsing costs one mint, not 1.05; a page view
 * that falls after the window waits for a mint once. No timer: a page asleep for hours wakes to a
 * check.
 */
export function needsRenewal(entry: Lifetime, now = Date.now()): boolean {
  return now >= entry.expiresAt - 2 * margin(entry)
}
