import { authorize } from './authorize'
import { noSession, rememberClientId, withClientId } from './client-id'
import type { UncheckedConfig } from '../core/config'
import { checkPause, endPause, endPauseUnless, startPause } from '../core/cooldown'
import { askAgain, fetchCurrentJwt, type CurrentCustomer } from '../net/current-jwt'
import { trace } from '../core/debug'
import { toB2BAuthError } from './to-b2b-auth-error'
import { RETRIES, MAX_RETRY_WAIT_MS } from '../net/http'
import { LOCK_NAME, withLock } from '../core/lock'
import { fingerprint } from '../core/secrets'
import { checkConfig, type CheckedConfig } from '../net/checked-config'
import type { Engine, Mode } from '../core/contract'
import { newTokenRecord, type TokenRecord } from '../core/token-record'
import { keep } from '../core/state'

/** What a flow obtains: a token, a guest, or nothing of use (a clear or a customer change came first). */
export type Outcome = TokenRecord | 'guest' | 'superseded'

/** What the engine lends the network flow. */
export interface MintContext {
  /** @mangled */
  engine: Engine
  /** The page's customer id, unless it is unknown or shown stale. @mangled */
  hinted: string | undefined
  /** The page's customer id unless shown stale, also for a forced refresh: whom the page was rendered for. @mangled */
  claimedId: string | undefined
  /** The stored token of a customer, if good enough for the mode. @mangled */
  cached(customerId: string): Promise<TokenRecord | undefined>
  /** True once a clear or a customer change made this flow's result worthless. @mangled */
  superseded(): boolean
}

/**
 * A token for the session's customer, in the order of auth0-spa-js's silent-token path: the
 * cache (get-token.ts, before this), the cross-tab lock, the cache again, then the network. Or
 * 'guest' when nobody is signed in. Listeners are never called from here: the lock is held.
 */
export async function obtainToken(config: UncheckedConfig, mode: Mode, ctx: MintContext): Promise<Outcome> {
  const settings = checkConfig(config)
  return withLock(LOCK_NAME, () => underLock(settings, mode, ctx), lockWaitMs(settings))
}

/**
 * Under the lock, step by step: the cache again; the tabs' pause; who is signed in (current.jwt);
 * their stored token, else a mint. A failure pauses every tab by cooldown.ts's one rule, charged
 * to `who`: the page's customer until current.jwt names the session's.
 */
async function underLock(settings: CheckedConfig, mode: Mode, ctx: MintContext): Promise<Outcome> {
  // The cache again: another tab may have minted while this one waited for the lock.
  const ready = ctx.hinted && (await ctx.cached(ctx.hinted))
  if (ready) {
    trace('another tab minted')
    return ready
  }
  const scope = `${settings.storeHash ?? ''}|${settings.channelId}`
  let who = ctx.hinted ?? ''
  // A pause still running for `who` is the answer, with no request (a forced refresh goes on).
  const paused = () => {
    const pause = mode.kind === 'force' || mode.waiveCooldown ? undefined : checkPause(ctx.engine, scope, who)
    if (pause) throw pause
  }
  try {
    paused()
    return await withClientId(settings, async (withId) => {
      const customer = await signedIn(withId, ctx)
      if (ctx.superseded()) return 'superseded'
      if (!customer) return nobody(ctx)
      // Whose session it is now: another customer's pause is over, and this one's may be running.
      endPauseUnless(ctx.engine, (who = customer.customerId))
      if (who !== ctx.hinted) paused()
      return (await ctx.cached(who)) || mint(withId, customer, ctx)
    })
  } catch (error) {
    const failure = toB2BAuthError(error)
    startPause(ctx.engine, scope, who, failure)
    throw failure
  }
}

/**
 * Who is signed in, by current.jwt. A JWT issued long before it arrived, or naming another
 * customer than the page was rendered for, or any JWT once that name is known stale (a sign-out,
 * a switch), is asked again before anything is minted: a cache may be replaying one from before.
 */
async function signedIn(withId: CheckedConfig, ctx: MintContext): Promise<CurrentCustomer | null> {
  const since = performance.now()
  let customer = await fetchCurrentJwt(withId)
  if (customer && (customer.old || (ctx.claimedId ? customer.customerId !== ctx.claimedId : ctx.engine.hintStale))) {
    customer = await askAgain(withId, customer)
  }
  trace(`current.jwt: ${customer ? `customer ${customer.customerId}` : 'nobody'}`, since)
  return customer
}

/**
 * Nobody is signed in: every tab's stored token goes. A guest; but on a page rendered for a
 * customer, an error (the other client id may tell, client-id.ts), and no token at all.
 */
async function nobody(ctx: MintContext): Promise<'guest'> {
  await ctx.engine.tokenStore.clear()
  ctx.engine.tabSync.post({ type: 'cleared' })
  if (ctx.claimedId) throw noSession(ctx.claimedId)
  endPause(ctx.engine)
  return 'guest'
}

/**
 * The authorization mutation with the customer's JWT, and the token stored, unless a clear or a
 * customer change came first. `withId`: the settings with the client id being tried.
 */
async function mint(withId: CheckedConfig, customer: CurrentCustomer, ctx: MintContext): Promise<Outcome> {
  const since = performance.now()
  // Not the Buyer Portal's token, even where it holds one: see buyer-portal.ts.
  const token = await authorize(withId, customer.jwt)
  rememberClientId(withId)
  const record = newTokenRecord(token, customer.customerId, customer.storeHash ?? '', withId.channelId, customer.clockOffset)
  if (ctx.superseded()) return 'superseded'
  trace(`authorization: token ${fingerprint(token)}, expires ${new Date(record.expiresAt).toISOString()}`, since)
  await keep(ctx.engine, withId, record)
  endPause(ctx.engine)
  return record
}

/**
 * How long a tab waits for another tab's flow before minting without the lock: as long as that
 * flow can take (up to six requests with the client-id fallback and a current.jwt asked again,
 * each with its deadline, retries, backoff and a Retry-After, and the second's wait for it), so
 * that twenty tabs opened at once on a slow endpoint still make one mint.
 */
export function lockWaitMs(settings: CheckedConfig): number {
  return 6 * ((RETRIES + 1) * settings.timeoutMs + RETRIES * MAX_RETRY_WAIT_MS) + 8_000
}
