import { createStore, promisifyRequest, type UseStore } from 'idb-keyval'
import { ownCopy } from './own'
import { decodeJwt } from './jwt'
import { fingerprint } from './secrets'
import { MAX_LIFETIME_MS } from './token-lifetime'

/** Bumped when the record's shape changes; entries of any other version are dropped on sight. */
// 2: the record keeps the token's fingerprint. 3: and the token's own exp.
export const SCHEMA_VERSION = 3

export interface TokenRecord {
  v: typeof SCHEMA_VERSION
  token: string
  /** fingerprint(token), kept beside it so that a warm page view need not compute it. */
  fingerprint: string
  customerId: string
  storeHash: string
  channelId: number
  /** Local clock, epoch ms. */
  obtainedAt: number
  /** Local clock, epoch ms: see tokenExpiry(). */
  expiresAt: number
  /**
   * The token's own `exp` claim (epoch seconds, the B2B API's clock), read when it arrived, so that
   * a warm page view need not decode the token to honour it; null when it has none.
   */
  exp: number | null
}

/** The record of a token just obtained: the one place records are made. */
export function newTokenRecord(
  token: string,
  fields: Pick<TokenRecord, 'customerId' | 'storeHash' | 'channelId' | 'obtainedAt' | 'expiresAt'>,
): TokenRecord {
  const exp = decodeJwt(token)?.exp
  return { v: SCHEMA_VERSION, token, fingerprint: fingerprint(token), ...fields, exp: typeof exp == 'number' ? exp : null }
}

export type StorageTier = 'indexeddb' | 'memory'

/** Longer than any healthy IndexedDB call; past it, the page goes on in memory. */
export const IDB_TIMEOUT_MS = 2_000

export interface TokenStore {
  /** Where tokens live now: IndexedDB, or this page's memory once IndexedDB has failed. */
  tier(): StorageTier
  /** The entry under a key from recordKey(), if it is a valid one (see validRecord). */
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
 * The stored value as a record without a prototype (see own.ts), if it is one to trust: this
 * version, fields of the types this module writes, under its own key, and not past the token's
 * own `exp`. A planted, corrupt or older value is not; its times are then judged by isFresh.
 */
export function validRecord(key: string, value: unknown, now = Date.now()): TokenRecord | undefined {
  const r = ownCopy(value as TokenRecord)
  const { obtainedAt: from, expiresAt: to, exp } = r as { obtainedAt: number; expiresAt: number; exp: number | null }
  // A numeric string concatenates, so from + to is no finite number; nor is it with NaN or
  // Infinity. A null time leaves a lifetime of 0, negative, or of decades: refused too.
  return r.v === SCHEMA_VERSION &&
    typeof r.token == 'string' &&
    r.token &&
    Number.isFinite(from + to) &&
    0 < to - from &&
    to - from <= MAX_LIFETIME_MS &&
    key === recordKey(key.split('|')[1], r.channelId!, r.customerId!) &&
    // An exp a month before the token arrived is a placeholder, which tokenExpiry() ignored too.
    (exp === null || (Number.isFinite(exp) && (exp * 1000 + MAX_LIFETIME_MS < from || now < exp * 1000 + EXP_SLACK_MS)))
    ? (r as TokenRecord)
    : undefined
}

/**
 * How long past its own `exp` (the B2B API's clock) a token may still be served (by this device's
 * clock). Without this check, a device clock that was fast when the token was stored, and was set
 * right since, would serve it for as long as the clock was fast. The slack spares a device whose
 * clock runs fast: up to a token's life plus this, it still mints once a day, not every page.
 */
const EXP_SLACK_MS = 60 * 60_000

/**
 * Tokens in an IndexedDB database of the module's own. IndexedDB can be missing, refuse to open
 * (private browsing), refuse writes (quota) or close under the page (Safari): after a failure the
 * store says so and stands aside, and the page goes on with the token the engine holds in memory;
 * a call that was only late brings it back when it answers.
 */
export function createTokenStore(): TokenStore {
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
      const done = (idb ??= createStore('stencil-b2b-auth', 'tokens'))(mode, (store) => {
        const { db } = store.transaction
        // Another tab deleting the database, or opening a newer version of it, waits until every
        // open connection closes: close, and open again when next needed.
        db.onversionchange = () => {
          db.close()
          idb = undefined
        }
        const request = operation(store)
        return request ? promisifyRequest(request) : promisifyRequest(store.transaction).then(() => undefined)
      })
      // A busy device's IndexedDB can answer late: once it does, it is trusted again, or a tab
      // that timed out would keep to its memory and mint beside the others.
      done.then(() => (failed = false), () => {})
      // Some browsers leave open() pending forever (Safari 14, blocked upgrades): time it out.
      return await Promise.race([done, new Promise<never>((_, reject) => setTimeout(reject, IDB_TIMEOUT_MS))])
    } catch {
      // Refused, full, closed under the page (Safari), or late: the next page tries again.
      failed = true
      return undefined
    }
  }

  return {
    tier: () => (failed ? 'memory' : 'indexeddb'),
    // Corrupt, foreign or of an older version: never trusted, and replaced by the next mint.
    find: async (key) => validRecord(key, await attempt('readonly', (s) => s.get(key))),
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
