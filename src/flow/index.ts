import type { Engine, FlowChunk } from '../core/contract'
import { clear, markStale } from '../core/state'
import { followPortal } from '../net/buyer-portal'
import { requestWithToken } from './b2b-graphql'
import { getToken } from './get-token'
import { onTabMessage } from './tab-message'
import { onWake } from './wake'

/**
 * The flow chunk: everything the engine does besides serving a cached token. Loaded on the first
 * cache miss, tab message or wake-up that needs work; built to stand alone (see vite.config.ts).
 * One object rather than named exports, so that the build can shorten its keys as it does the
 * engine's fields: export names cannot be.
 */
/**
 * Follows the Buyer Portal's on-logout (net/buyer-portal.ts): forget the token in every tab, and
 * let current.jwt, not the page's data-customer-id, say who is signed in from now on. Its
 * `utils.user.logout()` fires it too without ending the storefront session: current.jwt then names
 * the same customer, and the next call mints for them again.
 */
const followPortalLogout = (engine: Engine) =>
  followPortal(() => clear(engine).then(() => markStale(engine, !!engine.readConfig().customerId)))

export const flow: FlowChunk = { getToken, onTabMessage, onWake, clear, requestWithToken, followPortal: followPortalLogout }
