import type {
  B2BAuthListener,
  ChunkFunction,
  Engine,
  EngineChunks,
  FlowChunk,
  GetTokenOptions,
  Session,
  TabMessage,
  TokenStore,
} from '../core/contract'
import { parseConfig, sameConfig, type B2BAuthConfigInput } from '../core/config'
import type { B2BAuthError } from '../core/errors'
import { isFresh, needsRenewal } from '../core/expiry'
import { ownCopy } from '../core/own'
import { report } from '../core/secrets'
import { fits, recordKey, type TokenRecord } from '../core/token-record'
import { loadFlow, loadSignIn } from './chunks'
import { createTabSync } from './tab-sync'
import { createTokenStore } from './token-store'
import { hasWork, WAKE_EVENTS } from './wake'
import { adopt, awaitToken, fail, heardClear, restart, settled, wipeForGuest } from '../core/state'

/** The engine: one per page, shared by every copy of the bundle (see instance.ts). */
export function createSession(store: TokenStore = createTokenStore()): Session {
  // Without a prototype, as every settings object here: see own.ts.
  let input: B2BAuthConfigInput = Object.create(null)
  const listeners = new Set<B2BAuthListener>()
  // The IndexedDB read under way and the epoch it began in, which every call joins while it lasts:
  // one transaction a page view, not one for the tag's call and another for each theme script
  // asking meanwhile (the second one's answer lagged in the tail: docs/performance.md).
  let reading: [number, Promise<TokenRecord | undefined>] | undefined

  // The flow chunk, which does everything but serve a cached token: a warm page view never
  // downloads it. Failing to load is a failure of whatever asked for it.
  const flow = (): Promise<FlowChunk> =>
    loadFlow().catch((error: B2BAuthError) => {
      throw fail(engine, error)
    })
  const later = (task: (f: FlowChunk) => unknown) =>
    void flow()
      .then(task)
      .catch(() => {})

  const engine: Engine = {
    tokenStore: store,
    // Another tab cleared (a sign-out): followed at once, not once the flow chunk that reads the
    // message has loaded, or a warm tab would serve the token meanwhile (state.ts).
    tabSync: createTabSync((message) => {
      if ((message as TabMessage | undefined)?.type == 'cleared') heardClear(engine)
      later((f) => f.onTabMessage(engine, message))
    }),
    status: Object.freeze({ ...settled('idle'), storage: store.tier() }),
    cfg: undefined,
    epoch: 0,
    held: undefined,
    hintStale: false,
    flight: undefined,
    readConfig() {
      return (engine.cfg ??= parseConfig(input))
    },
    publish(patch) {
      const snapshot = (engine.status = Object.freeze({ ...engine.status, ...patch, storage: store.tier() }))
      for (const listener of listeners) {
        try {
          listener(snapshot)
        } catch (error) {
          report(error)
        }
      }
      dispatchEvent(new CustomEvent('b2b-auth:change', { detail: snapshot }))
    },
    async cached(cfg, customerId) {
      const record = await store.lookup(recordKey(cfg.storeHash, cfg.channelId, customerId))
      return record && isFresh(record) ? record : undefined
    },
  }

  for (const type of WAKE_EVENTS) {
    addEventListener(type, (event) => hasWork(engine, event) && later((f) => f.onWake(engine, event)))
  }

  // A page with the Buyer Portal's install script: the flow chunk follows its sign-out, warm pages
  // included (net/buyer-portal.ts). The Portal's own megabytes dwarf the chunk, which every other
  // warm page view never loads.
  if ((window as { B3?: unknown }).B3) later((f) => f.followPortal(engine))

  function setConfig(patch: B2BAuthConfigInput, fromTag = false): void {
    input = Object.assign(Object.create(null), input, patch)
    const next = parseConfig(input, fromTag)
    if (engine.cfg && sameConfig(engine.cfg, next)) return
    engine.cfg = next
    restart(engine, false)
  }

  // The warm path, kept in the entry: a token in memory, or in IndexedDB under the page's
  // customer id, is served without loading the flow chunk or sending anything.
  async function getToken(given?: GetTokenOptions): Promise<string | null> {
    // The caller's own fields only: Object.prototype.forceRefresh = true must not make every call mint.
    const options = ownCopy(given)
    const cfg = engine.readConfig()
    // A guest page stays one until signIn() on it shows its data-customer-id to be stale.
    const live = !options.signal?.aborted
    if (cfg.customerId === null && !engine.hintStale && live) return wipeForGuest(engine)
    if (live) awaitToken(engine)
    if (!options.forceRefresh && live) {
      const { held } = engine
      if (held && fits(held, cfg, engine.hintStale) && isFresh(held) && !needsRenewal(held)) return held.token
      if (!held && !engine.flight && !engine.hintStale && cfg.customerId) {
        const [since, read] = (reading ??= [engine.epoch, engine.cached(cfg, cfg.customerId)])
        const record = await read
        // Done: the next call reads again (a page restored from the back/forward cache must).
        reading = undefined
        // Not if, since the read began, the epoch moved on (a clear, new settings: the record may
        // no longer be the page's), or another tab said 'cleared': it says so before it wipes the
        // storage this read found the token in (core/state.ts, wipeForGuest).
        if (record && !needsRenewal(record) && since === engine.epoch && !engine.hintStale) return adopt(engine, record)
      }
    }
    return (await flow()).getToken(engine, options)
  }

  function listen(listener: B2BAuthListener): () => void {
    listeners.add(listener)
    return () => listeners.delete(listener)
  }

  async function callChunk<C extends keyof EngineChunks>(
    chunk: C,
    pick: (code: EngineChunks[C]) => ChunkFunction,
    args: unknown[],
  ): Promise<unknown> {
    const code = (chunk == 'flow' ? await flow() : await loadSignIn()) as EngineChunks[C]
    return pick(code)(engine, ...(args as never[]))
  }

  return { setConfig, getToken, getStatus: () => engine.status, listen, callChunk }
}
