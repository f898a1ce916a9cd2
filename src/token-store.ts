import { createStore, promisifyRequest, type UseStore } from 'idb-keyval'

/** Bumped when the record's shape changes; entries of any other version are dropped on sight. */
// 2: the record keeps the token's fingerprint.
export const SCHEMA_VERSION = 2

export interface TokenRecord {
  v: typeof SCHEMA_VERSION
  token: string
  /** fingerprint(token), kept beside it so that a warm page view need not compute it. */
  fingerprint: string
  customerId: string
  storeHash: string
  channelId: number
  obtainedAt: number
  expiresAt: number
}

export type StorageTier = 'indexeddb' | 'memory'

/** Longer than any healthy IndexedDB call; past it, the page goes on in memory. */
export const IDB_TIMEOUT_MS = 2_000

export interface TokenStore {
  /** Where tokens live now: IndexedDB, or this page's memory once IndexedDB has failed. */
  tier(): StorageTier
  /** The entry under a key from recordKey(), if it is a valid one; an invalid one is deleted. */
  find(key: string): Promise<TokenRecord | undefined>
  /**
   * Stores the entry as the only one: a browser has one storefront session, so a token of any
   * other customer is stale the moment another is minted.
   */
  replace(key: string, record: TokenRecord): Promise<void>
  /** Drops every entry: IndexedDB is per origin, and an origin is one store's storefront. */
  clear(): Promise<void>
}

/**
 * The key of (store, channel, customer). The store part is the configured store hash, or '' when
 * none is configured, so a warm page finds its token before it knows the JWT's store_hash.
 */
export function recordKey(storeHash: string | undefined, channelId: number, customerId: string): string {
  return `v${SCHEMA_VERSION}|${storeHash ?? ''}|${channelId}|${customerId}`
}

/**
 * A stored value is only trusted when it has this version, a token, and sits under its own key
 * (an older version, a foreign value or a corrupt one does not). Its times are judged by isFresh,
 * which no value of the wrong type passes.
 */
export function isTokenRecord(key: string, value: unknown): value is TokenRecord {
  const r = value as Partial<TokenRecord> | null
  return (
    r?.v === SCHEMA_VERSION &&
    typeof r.token === 'string' &&
    typeof r.customerId === 'string' &&
    !!r.token &&
    key === `v${SCHEMA_VERSION}|${key.split('|')[1]}|${r.channelId}|${r.customerId}` &&
    r.expiresAt! > r.obtainedAt!
  )
}

/**
 * Tokens in an IndexedDB database of the module's own. IndexedDB can be missing, refuse to open
 * (private browsing), refuse writes (quota) or close under the page (Safari): after a failure the
 * store says so and stands aside, and the page goes on with the token the engine holds in memory.
 */
export function createTokenStore(dbName = 'stencil-b2b-auth'): TokenStore {
  let idb: UseStore | undefined
  let failed = false

  // idb-keyval's createStore with requests of our own: its get/set default to a shared
  // 'keyval-store' database this module must never touch (nor pay the bytes for).
  async function attempt<T>(
    mode: IDBTransactionMode,
    operation: (store: IDBObjectStore) => IDBRequest<T> | void,
  ): Promise<T | undefined> {
    if (failed) return undefined
    try {
      const done = (idb ??= createStore(dbName, 'tokens'))(mode, (store) => {
        const request = operation(store)
        return request ? promisifyRequest(request) : promisifyRequest(store.transaction).then(() => undefined)
      })
      // Some browsers leave open() pending forever (Safari 14, blocked upgrades): time it out.
      return await Promise.race([done, new Promise<never>((_, reject) => setTimeout(reject, IDB_TIMEOUT_MS))])
    } catch {
      // Refused, full, or closed under the page (Safari): the next page tries again.
      failed = true
      return undefined
    }
  }

  return {
    tier: () => (failed ? 'memory' : 'indexeddb'),
    async find(key) {
      const value: unknown = await attempt('readonly', (s) => s.get(key))
      if (value === undefined || isTokenRecord(key, value)) return value
      // Corrupt, foreign or of an older version: never trusted, so not kept either.
      void attempt('readwrite', (s) => void s.delete(key))
      return undefined
    },
    async replace(key, record) {
      await attempt('readwrite', (s) => {
        s.clear()
        s.put(record, key)
      })
    },
    async clear() {
      await attempt('readwrite', (s) => void s.clear())
    },
  }
}
