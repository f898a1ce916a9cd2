import type { Engine } from '../core/contract'
import { getToken, join, modeOf } from './get-token'
import { dropHeld } from '../core/state'

const noop = () => {}

/** The page is visible, online, or out of the back/forward cache again: check the token now. */
export function onWake(engine: Engine, event: Event): void {
  const { type } = event
  if (type === 'visibilitychange' && document.visibilityState !== 'visible') return
  if (type === 'pageshow' && !(event as PageTransitionEvent).persisted) return
  // Frozen in the cache, the page may have missed a sign-out: trust IndexedDB, not memory. Not
  // forget(): the restore's visibilitychange comes first and may have started a renewal, which
  // asks current.jwt itself (a page is never cached mid-request), so throwing it away would
  // only send that request twice.
  if (type === 'pageshow') dropHeld(engine)
  const cfg = engine.cfg
  if (type === 'online' && engine.status.state === 'error' && cfg && cfg.customerId !== null) {
    // Back online: the failure was probably ours, so the cooldown does not apply.
    join(engine, cfg, modeOf('plain', undefined, true)).catch(noop)
  } else {
    getToken(engine).catch(noop)
  }
}
