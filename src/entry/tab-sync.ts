import type { TabSync } from '../core/contract'

/**
 * A BroadcastChannel of the module's own; silent where BroadcastChannel is missing or refused
 * (its constructor throws in some sandboxed frames). What arrives is checked by its reader: any
 * script of the origin can post on the channel.
 */
export function createTabSync(onMessage: (message: unknown) => void): TabSync {
  try {
    const channel = new BroadcastChannel('stencil-b2b-auth')
    channel.onmessage = (event) => onMessage(event.data)
    return { post: (message) => channel.postMessage(message) }
  } catch {
    return { post() {} }
  }
}
