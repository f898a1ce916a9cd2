import { decodeJwt } from './jwt'

const MINUTE = 60_000
/** The seed: a storefront authToken expires after one day. */
export const TOKEN_LIFETIME_MS = 24 * 60 * MINUTE
/** A token is treated as expired this much early, so a request sent with it still lands in time. */
export const EXPIRY_MARGIN_MS = 5 * MINUTE
/** How far in the future an obtainedAt may lie before the clock is taken to have moved back. */
const CLOCK_SLACK_MS = MINUTE

/**
 * When a token obtained at `obtainedAt` (local clock) expires, on the local clock. The token's
 * own `exp` where it is a JWT with a sane one: `exp - iat` when both are there, so neither server's
 * clock matters; else `exp` shifted by the storefront's clock offset. Otherwise a day.
 */
export function tokenExpiry(token: string, obtainedAt: number, clockOffset: number): number {
  const claims = decodeJwt(token)
  const exp = claims?.exp
  const iat = claims?.iat
  let lifetime = NaN
  if (typeof exp === 'number') {
    lifetime = typeof iat === 'number' ? (exp - iat) * 1000 : exp * 1000 - clockOffset - obtainedAt
  }
  // Sane: longer than the margin and no longer than a month; anything else is a placeholder.
  if (!(lifetime > EXPIRY_MARGIN_MS * 2 && lifetime <= 31 * TOKEN_LIFETIME_MS)) lifetime = TOKEN_LIFETIME_MS
  return obtainedAt + lifetime
}

/** Usable now: not within the margin of its expiry, and not obtained "in the future". */
export function isFresh(entry: { obtainedAt: number; expiresAt: number }, now = Date.now()): boolean {
  return entry.obtainedAt <= now + CLOCK_SLACK_MS && now < entry.expiresAt - EXPIRY_MARGIN_MS
}

/**
 * In the last tenth of its life (at least twice the margin): still served, while a new token is
 * minted in the background on the next call. No timer: a page asleep for hours wakes to a check.
 */
export function needsRenewal(entry: { obtainedAt: number; expiresAt: number }, now = Date.now()): boolean {
  return now >= entry.expiresAt - Math.max(2 * EXPIRY_MARGIN_MS, (entry.expiresAt - entry.obtainedAt) / 10)
}
