import { decodeJwt } from './jwt'

/** The seed: a storefront authToken expires after one day. */
export const TOKEN_LIFETIME_MS = 24 * 60 * 60_000

/** The longest lifetime a token's own claims are believed for: past it, they are a placeholder. */
export const MAX_LIFETIME_MS = 31 * TOKEN_LIFETIME_MS

/** A token of unknown age (the Buyer Portal's) is trusted this long when it says nothing itself. */
export const UNKNOWN_AGE_LIFETIME_MS = 60 * 60_000

/**
 * When a token obtained at `obtainedAt` (local clock) expires, on the local clock. The token's
 * own `exp` where it is a JWT with a sane one: for a token just issued, `exp - iat` when both are
 * there, so neither server's clock matters; else `exp` shifted by the storefront's clock offset.
 * Otherwise a day for a token just issued, and an hour for one of unknown age.
 */
export function tokenExpiry(token: string, obtainedAt: number, clockOffset: number, justIssued = true): number {
  const claims = decodeJwt(token)
  const exp = claims?.exp
  const iat = claims?.iat
  let lifetime = NaN
  if (typeof exp === 'number') {
    lifetime = justIssued && typeof iat === 'number' ? (exp - iat) * 1000 : exp * 1000 - clockOffset - obtainedAt
  }
  // Sane: ends after it began (for exp alone, after it arrived) and within a month; anything else
  // (missing, not a number, a placeholder, absurd) falls back. A short life is kept, however
  // short, since a day would serve the token long after it expired (expiry.ts scales its margins
  // down for it).
  if (!(lifetime > 0 && lifetime <= MAX_LIFETIME_MS)) {
    lifetime = justIssued ? TOKEN_LIFETIME_MS : UNKNOWN_AGE_LIFETIME_MS
  }
  return obtainedAt + lifetime
}
