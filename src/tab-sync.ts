import { own } from './own'

/**
 * What one tab tells the others. Never a token: a tab told of a mint reads it from IndexedDB.
 * - `minted`: a token for this customer, store and channel is in the store now.
 * - `cleared`: every stored token is gone (sign-out, a guest page, clearB2BToken()).
 */
export type TabMessage =
  | { type: 'minted'; customerId: string; storeHash: string; channelId: number }
  | { type: 'cleared' }

/**
 * A message as another tab sent it, or undefined for anything else: read field by field, own
 * fields only, since any script of the origin can post on the channel and Object.prototype may
 * be polluted (a `minted` without a customer id must not name the one inherited).
 */
export function readTabMessage(data: unknown): TabMessage | undefined {
  const type = own(data, 'type')
  if (type === 'cleared') return { type }
  const customerId = own(data, 'customerId')
  const storeHash = own(data, 'storeHash')
  const channelId = own(data, 'channelId')
  if (type !== 'minted' || typeof customerId != 'string' || typeof storeHash != 'string' || typeof channelId != 'number') return undefined
  return { type, customerId, storeHash, channelId }
}

export interface TabSync {
  post(message: TabMessage): void
}

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
