import { parseConfig, sameConfig, type B2BAuthConfigInput, type Config } from './config'
import { chunk } from './chunk'
import type { B2BAuthError, B2BAuthErrorCode } from './errors'
import { isFresh, needsRenewal } from './expiry'
import { whenLocked } from './lock'
import { ownCopy } from './own'
import { report } from './secrets'
import { createTabSync, type TabSync } from './tab-sync'
import { createTokenStore, recordKey, type StorageTier, type TokenRecord, type TokenStore } from './token-store'

/**
 * - `idle`: no token held and none asked for yet (also after `clearB2BToken()`); the first
 *   `getB2BToken()` makes it `loading`. A page with the script tag and a customer asks at once.
 * - `guest`: nobody is signed in; `getB2BToken()` resolves null.
 * - `loading`: no token held yet; talking to the storefront and the B2B API.
 * - `ready`: a token is held; see `expiresAt` (and `refreshing` while it is being renewed).
 * - `error`: the last attempt failed and no valid token is held; see `error`.
 */
export type B2BAuthState = 'idle' | 'guest' | 'loading' | 'ready' | 'error'

/** A snapshot of the module's state. It never holds the token: `fingerprint` tells tokens apart. */
export interface B2BAuthStatus {
  readonly state: B2BAuthState
  /** A network flow is running (the first mint, or a renewal while the old token is served). */
  readonly refreshing: boolean
  readonly customerId: string | null
  readonly storeHash: string | null
  readonly channelId: number
  /** Epoch ms, local clock. */
  readonly obtainedAt: number | null
  /** Epoch ms, local clock; the token is renewed ahead of it. */
  readonly expiresAt: number | null
  readonly fingerprint: string | null
  /** `memory` when IndexedDB is unavailable and tokens last only as long as the page. */
  readonly storage: StorageTier
  /** The last failure; kept with state `ready` when a renewal failed but the token still holds. */
  readonly error: { readonly code: B2BAuthErrorCode; readonly message: string } | null
}

export interface GetTokenOptions {
  /**
   * Replace the current token, as after the B2B API refused it (code 40101, or HTTP 401). Skips
   * the cache and the failure cooldown; a token another tab minted meanwhile is taken instead.
   */
  forceRefresh?: boolean | undefined
  /** Stops this caller's wait; the shared flow goes on for the others. */
  signal?: AbortSignal | undefined
}

export type B2BAuthListener = (status: B2BAuthStatus) => void

export interface Session {
  configure(input: B2BAuthConfigInput, fromTag?: boolean): void
  getToken(options?: GetTokenOptions): Promise<string | null>
  status(): B2BAuthStatus
  subscribe(listener: B2BAuthListener): () => void
  /** Runs an export of the flow or sign-in chunk on this engine, loading it first. */
  call(name: FlowCall, args: unknown[]): Promise<unknown>
}

/** The flow chunk's exports that public functions call through Session.call. */
export type FlowCall = 'clear' | 'b2bGraphQL' | 'signIn' | 'signOut'

/**
 * plain: any fresh token; renew: one not near its end; force: not the one being replaced.
 * `resume` skips the failure cooldown, as after coming back online.
 */
export interface Mode {
  kind: 'plain' | 'renew' | 'force'
  replacing: string | undefined
  resume: boolean
}

/**
 * The engine's state, shared with the lazily loaded flow chunk (flow.ts), which does everything
 * but serve a cached token: a warm page view never downloads it.
 */
export interface SessionCore {
  readonly store: TokenStore
  readonly tabs: TabSync
  status: B2BAuthStatus
  config: Config | undefined
  // Bumped whenever whose token we may hand out changes: a flow started before is thrown away.
  epoch: number
  held: TokenRecord | undefined
  // Another tab, or the JWT, showed this page's data-customer-id to be stale.
  hintStale: boolean
  flight: { promise: Promise<string | null>; mode: Mode } | undefined
  /** The config, as given: settings.ts checks it before the network is used. */
  current(): Config
  publish(patch: Partial<B2BAuthStatus>): void
  /** A state reached with nothing in progress: the token held (or none), and no error. */
  settle(state: B2BAuthState, record?: TokenRecord): void
  reset(): void
  /** The stored token of a customer, if fresh. */
  cached(cfg: Config, customerId: string): Promise<TokenRecord | undefined>
  guestPage(): Promise<null>
}

type Flow = typeof import('./flow')

/** The engine: one per page, shared by every copy of the bundle (see instance.ts). */
export function createSession(store: TokenStore = createTokenStore()): Session {
  // Without a prototype, as every settings object here: see own.ts.
  let input: B2BAuthConfigInput = Object.create(null)
  let guestCleared = false
  const listeners = new Set<B2BAuthListener>()

  const flow = (): Promise<Flow> =>
    chunk(import('./flow')).catch((error: B2BAuthError) => {
      const { code, message } = error
      core.publish({ state: core.held ? 'ready' : 'error', error: { code, message } })
      throw error
    })
  const later = (task: (f: Flow) => unknown) => void flow().then(task).catch(() => {})

  const core: SessionCore = {
    store,
    tabs: createTabSync((message) => later((f) => f.onTabMessage(core, message))),
    status: Object.freeze({ ...settled('idle'), storage: store.tier() }),
    config: undefined,
    epoch: 0,
    held: undefined,
    hintStale: false,
    flight: undefined,
    current() {
      return (core.config ??= parseConfig(input))
    },
    publish(patch) {
      const snapshot = (core.status = Object.freeze({ ...core.status, ...patch, storage: store.tier() }))
      for (const listener of listeners) {
        try {
          listener(snapshot)
        } catch (error) {
          report(error)
        }
      }
      dispatchEvent(new CustomEvent('b2b-auth:change', { detail: snapshot }))
    },
    settle(state, record) {
      core.publish(settled(state, record, core.config))
    },
    reset() {
      core.epoch++
      core.held = undefined
      core.flight = undefined
      guestCleared = false
    },
    async cached(cfg, customerId) {
      const record = await store.find(recordKey(cfg.storeHash, cfg.channelId, customerId))
      return record && isFresh(record) ? record : undefined
    },
    async guestPage() {
      if (!guestCleared) {
        guestCleared = true
        core.held = undefined
        // Under the tabs' lock, so that a mint finishing in another tab cannot store the signed-out
        // customer's token after this (and so waiting for it, in that rare race).
        await whenLocked(() => store.clear())
        core.tabs.post({ type: 'cleared' })
      }
      if (core.status.state !== 'guest') core.settle('guest')
      return null
    },
  }

  // No timers: a tab coming back (visible again, online again, out of the back/forward cache)
  // checks its token then. With a token not yet due for renewal, or on a guest page, there is
  // nothing to do and nothing is loaded.
  for (const type of ['visibilitychange', 'online', 'pageshow']) {
    addEventListener(type, (event) => {
      const { held } = core
      if ((event as PageTransitionEvent).persisted === false) return
      if (held ? needsRenewal(held) || type !== 'visibilitychange' : core.config?.customerId || core.status.state === 'error') {
        later((f) => f.onWake(core, event))
      }
    })
  }

  function configure(patch: B2BAuthConfigInput, fromTag = false): void {
    input = Object.assign(Object.create(null), input, patch)
    const next = parseConfig(input, fromTag)
    if (core.config && sameConfig(core.config, next)) return
    core.config = next
    core.reset()
    core.hintStale = false
    core.settle('idle')
  }

  // The warm path, kept in this file: a token in memory, or in IndexedDB under the page's
  // customer id, is served without loading the flow chunk or sending anything.
  async function getToken(given?: GetTokenOptions): Promise<string | null> {
    // The caller's own fields only: Object.prototype.forceRefresh = true must not make every call mint.
    const options = ownCopy(given)
    const cfg = core.current()
    // A guest page stays one until signIn() on it shows its data-customer-id to be stale.
    const live = !options.signal?.aborted
    if (cfg.customerId === null && !core.hintStale && live) return core.guestPage()
    // Asked for a token with none held: loading from here on, also while IndexedDB is read.
    if (core.status.state == 'idle' && live) core.publish({ state: 'loading' })
    if (!options.forceRefresh && live) {
      const { held, epoch } = core
      if (held && fits(held, cfg, core.hintStale) && isFresh(held) && !needsRenewal(held)) return held.token
      if (!held && !core.flight && !core.hintStale && cfg.customerId) {
        const record = await core.cached(cfg, cfg.customerId)
        if (record && !needsRenewal(record) && epoch === core.epoch) {
          core.held = record
          core.settle('ready', record)
          return record.token
        }
      }
    }
    return (await flow()).getToken(core, options)
  }

  function subscribe(listener: B2BAuthListener): () => void {
    listeners.add(listener)
    return () => listeners.delete(listener)
  }

  async function call(name: FlowCall, args: unknown[]): Promise<unknown> {
    const code = name[0] == 's' ? await chunk(import('./sign-in')) : await flow()
    return (code[name as keyof typeof code] as (core: SessionCore, ...args: unknown[]) => unknown)(core, ...args)
  }

  return { configure, getToken, status: () => core.status, subscribe, call }
}

function settled(state: B2BAuthState, record?: TokenRecord, config?: Config) {
  return {
    state,
    refreshing: false,
    customerId: record?.customerId ?? null,
    storeHash: record?.storeHash ?? null,
    channelId: record?.channelId ?? config?.channelId ?? 1,
    obtainedAt: record?.obtainedAt ?? null,
    expiresAt: record?.expiresAt ?? null,
    fingerprint: record?.fingerprint ?? null,
    error: null,
  }
}

/** The token is for this page: its channel, its store, and its customer unless that is stale. */
export function fits(record: TokenRecord, cfg: Config, hintStale: boolean): boolean {
  return (
    record.channelId === cfg.channelId &&
    (cfg.customerId === undefined || hintStale || record.customerId === cfg.customerId) &&
    (!cfg.storeHash || record.storeHash === cfg.storeHash)
  )
}
