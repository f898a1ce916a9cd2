import type { UncheckedConfig } from './config'
import { MAX_LIFETIME_MS, tokenExpiry } from './expiry'
import { decodeJwt } from './jwt'
import { ownCopy } from './own'
import { fingerprint } from './secrets'

/** Bumped when the record's shape changes; entries of any other version are dropped on sight. */
// 2: the record keeps the token's fingerprint. 3: and the token's own exp.
export const SCHEMA_VERSION = 3

export interface TokenRecord {
  v: typeof SCHEMA_VERSION
  token: string
  /** fingerprint(token), kept beside it so that a warm page view need not compute it. */
  fingerprint: string
  customerId: string
  storeHash: string
  channelId: number
  /** Local clock, epoch ms. */
  obtainedAt: number
  /** Local clock, epoch ms: see tokenExpiry(). */
  expiresAt: number
  /**
   * The token's own `exp` claim (epoch seconds, the B2B API's clock), read when it arrived, so that
   * a warm page view need not decode the token to honour it; null when it has none.
   */
  exp: number | null
}

/**
 * The record of a token just issued, obtained now: the one place records are made. `clockOffset`:
 * how far the storefront's clock is ahead of this device's, for a token whose `exp` is all it says.
 */
export function newTokenRecord(token: string, customerId: string, storeHash: string, channelId: number, clockOffset = 0): TokenRecord {
  const obtainedAt = Date.now()
  const exp = decodeJwt(token)?.exp
  return {
    v: SCHEMA_VERSION,
    token,
    fingerprint: fingerprint(token),
    customerId,
    storeHash,
    channelId,
    obtainedAt,
    expiresAt: tokenExpiry(token, obtainedAt, clockOffset),
    exp: typeof exp == 'number' ? exp : null,
  }
}

/**
 * The key of (store, channel, customer). The store part is the configured store hash, or '' when
 * none is configured, so a warm page finds its token before it knows the JWT's store_hash.
 */
export function recordKey(storeHash: string | undefined, channelId: number, customerId: string): string {
  return `v${SCHEMA_VERSION}|${storeHash ?? ''}|${channelId}|${customerId}`
}

/**
 * The stored value as a record without a prototype (see own.ts), if it is one to trust: this
 * version, fields of the types this module writes, under its own key, and not past the token's
 * own `exp`. A planted, corrupt or older value is not; its times are then judged by isFresh.
 */
export function validRecord(key: string, value: unknown, now = Date.now()): TokenRecord | undefined {
  const r = ownCopy(value as TokenRecord)
  const { obtainedAt: from, expiresAt: to, exp } = r as { obtainedAt: number; expiresAt: number; exp: number | null }
  // A numeric string concatenates, so from + to is no finite number; nor is it with NaN or
  // Infinity. A null time leaves a lifetime of 0, negative, or of decades: refused too.
  return r.v === SCHEMA_VERSION &&
    typeof r.token == 'string' &&
    r.token &&
    Number.isFinite(from + to) &&
    0 < to - from &&
    to - from <= MAX_LIFETIME_MS &&
    key === recordKey(key.split('|')[1], r.channelId!, r.customerId!) &&
    // An exp a month before the token arrived is a placeholder, which tokenExpiry() ignored too.
    (exp === null || (Number.isFinite(exp) && (exp * 1000 + MAX_LIFETIME_MS < from || now < exp * 1000 + EXP_SLACK_MS)))
    ? (r as TokenRecord)
    : undefined
}

/**
 * How long past its own `exp` (the B2B API's clock) a token may still be served (by this device's
 * clock). Without this check, a device clock that was fast when the token was stored, and was set
 * right since, would serve it for as long as the clock was fast. The slack spares a device whose
 * clock runs fast: up to a token's life plus this, it still mints once a day, not every page.
 */
const EXP_SLACK_MS = 60 * 60_000

/** The token is for this page: its channel, its store, and its customer unless that is stale. */
export function fits(record: TokenRecord, cfg: UncheckedConfig, hintStale: boolean): boolean {
  return (
    record.channelId === cfg.channelId &&
    (cfg.customerId === undefined || hintStale || record.customerId === cfg.customerId) &&
    (!cfg.storeHash || record.storeHash === cfg.storeHash)
  )
}
