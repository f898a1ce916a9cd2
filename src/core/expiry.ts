import { decodeJwt } from './jwt'

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

/** A storefront authToken expires after one day (B2B Edition's authentication guide, bigcommerce/docs
 * `docs/b2b-edition/authentication/`). */
export const TOKEN_LIFETIME_MS = 24 * 60 * 60_000

/** The longest lifetime a token's own claims are believed for: past it, they are a placeholder. */
export const MAX_LIFETIME_MS = 31 * TOKEN_LIFETIME_MS

/**
 * When a token just issued at `obtainedAt` (local clock) expires, on the local clock. The token's
 * own `exp` where it is a JWT with a sane one: `exp - iat` when both are there, so neither
 * server's clock matters; else `exp` shifted by the storefront's clock offset. Otherwise a day.
 */
export function tokenExpiry(token: string, obtainedAt: number, clockOffset: number): number {
  const claims = decodeJwt(token)
  const exp = claims?.exp
  const iat = claims?.iat
  let lifetime = NaN
  if (typeof exp === 'number') {
    lifetime = typeof iat === 'number' ? (exp - iat) * 1000 : exp * 1000 - clockOffset - obtainedAt
  }
  // Sane: ends after it began (for exp alone, after it arrived) and within a month; anything else
  // (missing, not a number, a placeholder, absurd) falls back. A short life is kept, however
  // short, since a day would serve the token long after it expired (the margins above scale down
  // for it).
  if (!(lifetime > 0 && lifetime <= MAX_LIFETIME_MS)) lifetime = TOKEN_LIFETIME_MS
  return obtainedAt + lifetime
}
