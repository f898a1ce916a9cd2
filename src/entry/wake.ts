import type { Engine } from '../core/contract'
import { needsRenewal } from '../core/expiry'

/**
 * A tab coming back (visible again, online again, out of the back/forward cache) checks its token
 * then, on these events: no timers.
 */
export const WAKE_EVENTS = ['visibilitychange', 'online', 'pageshow']

/**
 * Whether a wake-up has work for the flow chunk (which a warm page then downloads): a token due
 * for renewal, a token that may have gone stale while offline or frozen, or no token on a page
 * that wants one.
 */
export function hasWork(engine: Engine, event: Event): boolean {
  // A first load's pageshow: the page has just asked.
  if ((event as PageTransitionEvent).persisted === false) return false
  const { held } = engine
  // Coming back online or out of the cache, a token may have been cleared or replaced meanwhile;
  // becoming visible, only its age matters.
  if (held) return needsRenewal(held) || event.type !== 'visibilitychange'
  // With no token: a page rendered for a customer wants one, and a failure may have passed.
  return !!engine.cfg?.customerId || engine.status.state === 'error'
}
