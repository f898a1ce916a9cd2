import type { B2BAuthStatus } from '../session'
import { formatExpiresIn } from './format'

/** What the badge shows, from the engine's status. Memory-only storage is shown beside any of them. */
export type BadgeState = 'guest' | 'checking' | 'active' | 'refreshing' | 'error'

export function badgeState(status: B2BAuthStatus): BadgeState {
  const { state } = status
  if (state === 'ready') return status.refreshing ? 'refreshing' : 'active'
  return state === 'guest' || state === 'error' ? state : 'checking'
}

/**
 * The badge's line after "B2B": the state, and for a token its customer, channel and, given the
 * time `now`, how long it has left. Without `now`, what the live region announces: it changes
 * with the state, not every second.
 */
export function summary(status: B2BAuthStatus, now?: number): string {
  const state = badgeState(status)
  const who = ` · customer ${status.customerId} · channel ${status.channelId}`
  const left = now === undefined || status.expiresAt === null ? '' : ` · expires in ${formatExpiresIn(status.expiresAt - now)}`
  if (state === 'active') return state + who + left
  if (state === 'refreshing') return state + who
  if (state === 'error') return `error · ${status.error?.code}`
  return state === 'guest' ? state : status.state === 'idle' ? 'no token yet' : 'checking…'
}

/** The live region's text. */
export function announcement(status: B2BAuthStatus): string {
  return `B2B auth: ${summary(status)}${status.storage === 'memory' ? ' · memory only' : ''}`
}
