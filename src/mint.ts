import { authorize } from './authorize'
import { PORTAL_WAIT_MS, portalTokenFor } from './buyer-portal'
import type { Config } from './config'
import { createCooldown, type Cooldown } from './cooldown'
import { fetchCurrentJwt } from './current-jwt'
import { trace } from './debug'
import { toB2BAuthError, type B2BAuthError } from './errors'
import { RETRIES, MAX_RETRY_WAIT_MS } from './http'
import { LOCK_NAME, withLock } from './lock'
import { fingerprint } from './secrets'
import { checkSettings, type Settings } from './settings'
import type { Mode } from './session'
import type { TabSync } from './tab-sync'
import { tokenExpiry } from './token-lifetime'
import { newTokenRecord, recordKey, type TokenRecord, type TokenStore } from './token-store'

export type Outcome = TokenRecord | 'guest' | 'superseded'

/** What the engine lends the network flow. */
export interface MintContext {
  store: TokenStore
  tabs: TabSync
  /** The page's customer id, unless it is unknown or shown stale. */
  hinted: string | undefined
  /** The stored token of a customer, if good enough for the mode. */
  cached(customerId: string): Promise<TokenRecord | undefined>
  /** True once a clear or a customer change made this flow's result worthless. */
  superseded(): boolean
}

let cooldown: Cooldown | undefined

/**
 * The network flow: current.jwt, then the authorization mutation, under the cross-tab lock.
 * Listeners are never called from here: the lock is held.
 */
export async function mint(config: Config, mode: Mode, ctx: MintContext): Promise<Outcome> {
  const cfg = checkSettings(config)
  const scope = `${cfg.storeHash ?? ''}|${cfg.channelId}`
  const skipsCooldown = mode.kind === 'force' || mode.resume
  return withLock(LOCK_NAME, async () => {
    // Another tab may have minted while this one waited for the lock.
    const ready = ctx.hinted && (await ctx.cached(ctx.hinted))
    if (ready) {
      trace('another tab minted while this one waited for the lock')
      return ready
    }
    cooldown ??= createCooldown()
    let who = ctx.hinted ?? ''
    const paused = skipsCooldown ? undefined : cooldown.check(scope, who)
    if (paused) throw paused
    let pausedNow: B2BAuthError | undefined
    try {
      let since = performance.now()
      const customer = await fetchCurrentJwt(cfg)
      trace(`current.jwt: ${customer ? `customer ${customer.customerId}` : 'no customer signed in'}`, since)
      if (ctx.superseded()) return 'superseded'
      if (!customer) {
        await ctx.store.clear()
        ctx.tabs.post({ type: 'cleared' })
        cooldown.end()
        return 'guest'
      }
      // Whose session it is now: another customer's pause is over, and this one's may be running.
      cooldown.endUnless((who = customer.customerId))
      pausedNow = skipsCooldown || who === ctx.hinted ? undefined : cooldown.check(scope, who)
      if (pausedNow) throw pausedNow
      const known = await ctx.cached(customer.customerId)
      if (known) return known
      since = performance.now()
      // On a page where the Buyer Portal runs, its token is this session's too, once the B2B API
      // confirms it is this customer's: take it.
      const fromPortal = await portalTokenFor(cfg, customer.email, mode.replacing)
      const token = fromPortal ?? (await authorize(cfg, customer.jwt))
      if (fromPortal) trace("took the Buyer Portal's token instead of minting")
      const obtainedAt = Date.now()
      const record = newTokenRecord(token, {
        customerId: customer.customerId,
        storeHash: customer.storeHash ?? '',
        channelId: cfg.channelId,
        obtainedAt,
        expiresAt: tokenExpiry(token, obtainedAt, customer.clockOffset, !fromPortal),
      })
      // A mint that lands after a clear or a customer change is never stored.
      if (ctx.superseded()) return 'superseded'
      trace(`authorization: token ${fingerprint(token)}, expires ${new Date(record.expiresAt).toISOString()}`, since)
      await ctx.store.replace(recordKey(cfg.storeHash, cfg.channelId, record.customerId), record)
      ctx.tabs.post({ type: 'minted', customerId: record.customerId, storeHash: record.storeHash, channelId: record.channelId })
      cooldown.end()
      return record
    } catch (error) {
      const failure = toB2BAuthError(error)
      // A pause read back is not started again: its end stays where it was.
      if (failure !== pausedNow) cooldown.start(scope, who, failure)
      throw failure
    }
  }, lockWaitMs(cfg))
}

/**
 * How long a tab waits for another tab's flow before minting without the lock: as long as that
 * flow can take (two requests, each with its deadline, retries, backoff and a Retry-After), so
 * that twenty tabs opened at once on a slow endpoint still make one mint.
 */
export function lockWaitMs(cfg: Settings): number {
  return 2 * ((RETRIES + 1) * cfg.timeoutMs + RETRIES * MAX_RETRY_WAIT_MS) + PORTAL_WAIT_MS + 5_000
}
