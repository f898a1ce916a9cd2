/**
 * What one tab tells the others. Never a token: a tab told of a mint reads it from IndexedDB.
 * - `minted`: a token for this customer, store and channel is in the store now.
 * - `cleared`: every stored token is gone (sign-out, a guest page, clearB2BToken()).
 */
export type TabMessage =
  | { type: 'minted'; customerId: string; storeHash: string; channelId: number }
  | { type: 'cleared' }

export interface TabSync {
  post(message: TabMessage): void
}

/** A BroadcastChannel of the module's own; silent where BroadcastChannel is missing. */
export function createTabSync(onMessage: (message: TabMessage) => void, name = 'stencil-b2b-auth'): TabSync {
  if (typeof BroadcastChannel !== 'function') return { post() {} }
  const channel = new BroadcastChannel(name)
  channel.onmessage = (event: MessageEvent<TabMessage>) => onMessage(event.data)
  return { post: (message) => channel.postMessage(message) }
}
