import { authorize } from './authorize'
import { noSession, rememberClientId, withClientId } from './client-id'
import type { UncheckedConfig } from '../core/config'
import { createCooldown } from '../core/cooldown'
import { askAgain, fetchCurrentJwt } from '../net/current-jwt'
import { trace } from '../core/debug'
import type { B2BAuthError } from '../core/errors'
import { toB2BAuthError } from './to-b2b-auth-error'
import { RETRIES, MAX_RETRY_WAIT_MS } from '../net/http'
import { LOCK_NAME, withLock } from '../core/lock'
import { fingerprint } from '../core/secrets'
import { checkConfig, type CheckedConfig } from '../net/checked-config'
import type { Engine, Mode } from '../core/contract'
import { newTokenRecord, type TokenRecord } from '../core/token-record'
import { keep } from '../core/state'

/** A B2BAuthError returned, not thrown: a refusal that starts no cooldown (see noSession). */
export type Outcome = TokenRecord | 'guest' | 'superseded' | B2BAuthError

/** What the engine lends the network flow. */
export interface MintContext {
  engine: Engine
  /** The page's customer id, unless it is unknown or shown stale. */
  hinted: string | undefined
  /** The page's customer id unless shown stale, also for a forced refresh: whom the page was rendered for. */
  claimedId: string | undefined
  /** The stored token of a customer, if good enough for the mode. */
  cached(customerId: string): Promise<TokenRecord | undefined>
  /** True once a clear or a customer change made this flow's result worthless. */
  superseded(): boolean
}

/**
 * A token for the session's customer, under the cross-tab lock: one another tab stored meanwhile,
 * else a mint (current.jwt, then the authorization mutation), stored and announced to the other
 * tabs; or 'guest' when nobody is signed in. Listeners are never called from here: the lock is
 * held.
 */
export async function obtainToken(config: UncheckedConfig, mode: Mode, ctx: MintContext): Promise<Outcome> {
  const cfg = checkConfig(config)
  const scope = `${cfg.storeHash ?? ''}|${cfg.channelId}`
  const skipsCooldown = mode.kind === 'force' || mode.waiveCooldown
  return withLock(
    LOCK_NAME,
    async () => {
      // Another tab may have minted while this one waited for the lock.
      const ready = ctx.hinted && (await ctx.cached(ctx.hinted))
      if (ready) {
        trace('another tab minted')
        return ready
      }
      const pauses = createCooldown(ctx.engine)
      let who = ctx.hinted ?? ''
      const paused = skipsCooldown ? undefined : pauses.check(scope, who)
      if (paused) throw paused
      let pausedNow: B2BAuthError | undefined
      try {
        return await withClientId(cfg, async (settings) => {
          let since = performance.now()
          let customer = await fetchCurrentJwt(settings)
          // A JWT issued long before it arrived, or naming another customer than the page was
          // rendered for, or any JWT once that name is known stale (a sign-out, a switch): asked
          // again before anything is minted, as a cache may be replaying one from before.
          if (customer && (customer.old || (ctx.claimedId ? customer.customerId !== ctx.claimedId : ctx.engine.hintStale))) {
            customer = await askAgain(settings, customer)
          }
          trace(`current.jwt: ${customer ? `customer ${customer.customerId}` : 'nobody'}`, since)
          if (ctx.superseded()) return 'superseded'
          if (!customer) {
            await ctx.engine.tokenStore.clear()
            ctx.engine.tabSync.post({ type: 'cleared' })
            // A page rendered for a customer whose current.jwt says nobody: the other client id may
            // tell (withClientId); if none does, no token at all, and no cooldown (the error is
            // returned), as a shopper signing in again at once must not meet it.
            if (ctx.claimedId) throw noSession(ctx.claimedId)
            pauses.end()
            return 'guest'
          }
          // Whose session it is now: another customer's pause is over, and this one's may be running.
          pauses.endUnless((who = customer.customerId))
          pausedNow = skipsCooldown || who === ctx.hinted ? undefined : pauses.check(scope, who)
          if (pausedNow) throw pausedNow
          const known = await ctx.cached(customer.customerId)
          if (known) return known
          since = performance.now()
          // Not the Buyer Portal's token, even where it holds one: see buyer-portal.ts.
          const token = await authorize(settings, customer.jwt)
          rememberClientId(settings)
          const record = newTokenRecord(token, customer.customerId, customer.storeHash ?? '', cfg.channelId, customer.clockOffset)
          // A mint that lands after a clear or a customer change is never stored.
          if (ctx.superseded()) return 'superseded'
          trace(`authorization: token ${fingerprint(token)}, expires ${new Date(record.expiresAt).toISOString()}`, since)
          await keep(ctx.engine, cfg, record)
          pauses.end()
          return record
        })
      } catch (error) {
        const failure = toB2BAuthError(error)
        // A pause read back is not started again: its end stays where it was.
        if (failure !== pausedNow) pauses.start(scope, who, failure)
        throw failure
      }
    },
    lockWaitMs(cfg),
  )
}

/**
 * How long a tab waits for another tab's flow before minting without the lock: as long as that
 * flow can take (up to six requests with the client-id fallback and a current.jwt asked again,
 * each with its deadline, retries, backoff and a Retry-After, and the second's wait for it), so
 * that twenty tabs opened at once on a slow endpoint still make one mint.
 */
export function lockWaitMs(cfg: CheckedConfig): number {
  return 6 * ((RETRIES + 1) * cfg.timeoutMs + RETRIES * MAX_RETRY_WAIT_MS) + 8_000
}
