const MINUTE = 60_000
/** A token is treated as expired this much early, so a request sent with it still lands in time. */
export const EXPIRY_MARGIN_MS = 5 * MINUTE
/** How far in the future an obtainedAt may lie before the clock is taken to have moved back. */
const CLOCK_SLACK_MS = MINUTE

/** Usable now: not within the margin of its expiry, and not obtained "in the future". */
export function isFresh(entry: { obtainedAt: number; expiresAt: number }, now = Date.now()): boolean {
  return entry.obtainedAt <= now + CLOCK_SLACK_MS && now < entry.expiresAt - EXPIRY_MARGIN_MS
}

/**
 * In the last twentieth of its life (at least twice the margin; 72 minutes of a day-long token):
 * still served, while a new token is minted in the background on the next call. Wider would mint
 * more often than once a day; narrower would leave more page views to wait for an expired one. No
 * timer: a page asleep for hours wakes to a check.
 */
export function needsRenewal(entry: { obtainedAt: number; expiresAt: number }, now = Date.now()): boolean {
  return now >= entry.expiresAt - Math.max(2 * EXPIRY_MARGIN_MS, (entry.expiresAt - entry.obtainedAt) / 20)
}
