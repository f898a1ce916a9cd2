import { createStore, promisifyRequest, type UseStore } from 'idb-keyval'
import type { TokenStore } from '../core/contract'
import { validRecord } from '../core/token-record'

/** Longer than any healthy IndexedDB call; past it, the page goes on in memory. */
export const IDB_TIMEOUT_MS = 2_000

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
  async function attempt<T>(mode: IDBTransactionMode, operation: (store: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> {
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
      done.then(
        () => (failed = false),
        () => {},
      )
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
    lookup: async (key) => validRecord(key, await attempt('readonly', (s) => s.get(key))),
    async keepOnly(key, record) {
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
