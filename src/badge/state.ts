import type { B2BAuthStatus } from '../core/contract'
import { formatExpiresIn } from './format'
import type { PageNamed } from './page'

/**
 * What the badge shows, from the engine's status. `renewal-failed`: a token still valid, but its
 * last renewal failed (state `ready` with an error); not a name ending in -ing, as those spin
 * their dot (styles.ts). Memory-only storage is shown beside any of them.
 */
export type BadgeState = 'guest' | 'checking' | 'active' | 'renewal-failed' | 'refreshing' | 'error'

export function badgeState(status: B2BAuthStatus): BadgeState {
  const { state } = status
  if (state === 'ready') return status.refreshing ? 'refreshing' : status.error ? 'renewal-failed' : 'active'
  return state === 'guest' || state === 'error' ? state : 'checking'
}

/** The store and customer the page named, for the states whose status has none. */
export function named(page: PageNamed): string {
  // A guest page ('') names nobody; the guest state says that much already.
  return [page.storeHash && `store ${page.storeHash}`, page.customerId && `customer ${page.customerId}`].filter(Boolean).join(' · ')
}

/**
 * The badge's line after "B2B": the state, and for a token its customer, channel and, given the
 * time `now`, how long it has left. Without `now`, what the live region announces: it changes
 * with the state, not every second. `short`: for a narrow screen, one line of at most about 30
 * characters, without the channel and the words around the numbers (and for a token, the word
 * active: the dot's colour says it, and the live region too).
 */
export function summary(status: B2BAuthStatus, now?: number, page: PageNamed = {}, short = false): string {
  const state = badgeState(status)
  const customer = ` · customer ${status.customerId}`
  const who = short ? customer : `${customer} · channel ${status.channelId}`
  const left =
    now === undefined || status.expiresAt === null ? '' : ` · ${short ? '' : 'expires in '}${formatExpiresIn(status.expiresAt - now)}`
  // Narrow, the green dot says active: the room goes to the customer and the time left.
  if (state === 'active') return short ? (who + left).slice(3) : state + who + left
  if (state === 'renewal-failed')
    return short ? 'token holds · renewal failed' : `token holds · last renewal failed (${status.error?.code})${who}${left}`
  if (state === 'refreshing') return state + who
  // Too long for a narrow screen: there, the error card and the panel show them.
  const where = short ? '' : named(page)
  const tail = where && ` · ${where}`
  if (state === 'error') return `error · ${status.error?.code}${tail}`
  return state === 'guest' ? state + tail : status.state === 'idle' ? 'no token yet' : 'checking…'
}

/** The live region's text. */
export function announcement(status: B2BAuthStatus, page: PageNamed = {}): string {
  return `B2B auth: ${summary(status, undefined, page)}${status.storage === 'memory' ? ' · memory only' : ''}`
}
