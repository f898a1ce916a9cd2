import { authorize } from './authorize'
import { parseConfig, sameConfig, type B2BAuthConfigInput, type Config } from './config'
import { createCooldown } from './cooldown'
import { fetchCurrentJwt } from './current-jwt'
import { B2BAuthError, toB2BAuthError, type B2BAuthErrorCode } from './errors'
import { isFresh, needsRenewal, tokenExpiry } from './expiry'
import { withLock } from './lock'
import { fingerprint } from './secrets'
import { createTabSync, type TabMessage } from './tab-sync'
import { createTokenStore, recordKey, SCHEMA_VERSION, type StorageTier, type TokenRecord, type TokenStore } from './token-store'

/**
 * - `idle`: no token held and none asked for yet (also after `clearB2BToken()`).
 * - `guest`: nobody is signed in; `getB2BToken()` resolves null.
 * - `loading`: no token held yet; reading the cache or talking to the storefront and B2B API.
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
  forceRefresh?: boolean
  /** Stops this caller's wait; the shared flow goes on for the others. */
  signal?: AbortSignal
}

export type B2BAuthListener = (status: B2BAuthStatus) => void

export interface Session {
  configure(input: B2BAuthConfigInput, fromTag?: boolean): void
  getToken(options?: GetTokenOptions): Promise<string | null>
  clear(): Promise<void>
  status(): B2BAuthStatus
  subscribe(listener: B2BAuthListener): () => void
}

/** plain: any fresh token; renew: one not near its end; force: not the one being replaced. */
type Mode = { kind: 'plain' } | { kind: 'renew' } | { kind: 'force'; replacing: string | undefined }
type Outcome = TokenRecord | 'guest' | 'superseded'

const noop = () => {}

/** The engine: one per page, shared by every copy of the bundle (see instance.ts). */
export function createSession(store: TokenStore = createTokenStore()): Session {
  let input: B2BAuthConfigInput = {}
  let config: Config | undefined
  let configError: B2BAuthError | undefined
  // Bumped whenever whose token we may hand out changes: a flow started before is thrown away.
  let epoch = 0
  let held: TokenRecord | undefined
  let flight: { promise: Promise<string | null>; mode: Mode } | undefined
  let guestCleared = false
  // Another tab minted for someone else: this page's data-customer-id no longer says who is in.
  let hintStale = false
  const listeners = new Set<B2BAuthListener>()
  const cooldown = createCooldown()
  const tabs = createTabSync(onTabMessage)
  let status: B2BAuthStatus = Object.freeze({
    state: 'idle',
    refreshing: false,
    ...holding(undefined),
    channelId: 1,
    storage: store.tier(),
    error: null,
  })

  if (typeof window === 'object') {
    for (const type of ['visibilitychange', 'online', 'pageshow']) addEventListener(type, onWake)
  }

  function publish(patch: Partial<B2BAuthStatus>): void {
    const snapshot = (status = Object.freeze({ ...status, ...patch, storage: store.tier() }))
    for (const listener of [...listeners]) {
      try {
        listener(snapshot)
      } catch (error) {
        console.error('[b2b-auth] an onB2BTokenChange listener threw', error)
      }
    }
    if (typeof window === 'object') dispatchEvent(new CustomEvent('b2b-auth:change', { detail: snapshot }))
  }

  function reset(): void {
    epoch++
    held = undefined
    flight = undefined
    guestCleared = false
  }

  function configure(patch: B2BAuthConfigInput, fromTag = false): void {
    let next: Config
    try {
      next = parseConfig({ ...input, ...patch }, fromTag)
    } catch (error) {
      configError = toB2BAuthError(error)
      publish({ state: 'error', error: brief(configError) })
      throw configError
    }
    input = { ...input, ...patch }
    const wasBroken = configError !== undefined
    configError = undefined
    if (config && sameConfig(config, next) && !wasBroken) return
    config = next
    reset()
    hintStale = false
    publish({ state: 'idle', refreshing: false, ...holding(undefined), channelId: next.channelId, error: null })
  }

  function current(): Config {
    if (configError) throw configError
    return (config ??= parseConfig(input))
  }

  async function getToken(options: GetTokenOptions = {}): Promise<string | null> {
    const { signal } = options
    if (signal?.aborted) throw aborted()
    const cfg = current()
    if (cfg.customerId === null) return guestPage()
    if (options.forceRefresh) return abortable(join(cfg, { kind: 'force', replacing: held?.token }), signal)
    if (held && fits(held, cfg, hintStale) && isFresh(held)) {
      if (needsRenewal(held)) join(cfg, { kind: 'renew' }).catch(noop)
      return held.token
    }
    return abortable(join(cfg, { kind: 'plain' }), signal)
  }

  async function guestPage(): Promise<null> {
    if (!guestCleared) {
      guestCleared = true
      held = undefined
      await store.clear()
      tabs.post({ type: 'cleared' })
    }
    if (status.state !== 'guest') publish({ state: 'guest', refreshing: false, ...holding(undefined), error: null })
    return null
  }

  // Every caller on the page shares one flow. A stronger request (force over renew over plain)
  // waits for a weaker one to finish and then runs its own: the weaker may hand back the very
  // token being replaced.
  function join(cfg: Config, mode: Mode): Promise<string | null> {
    if (flight && strength(flight.mode) >= strength(mode)) return flight.promise
    const before = flight?.promise
    const started = epoch
    const promise = (before ? before.then(noop, noop) : Promise.resolve()).then(() => run(cfg, mode, started))
    const entry = { promise, mode }
    flight = entry
    const done = () => {
      if (flight === entry) flight = undefined
    }
    promise.then(done, done)
    return promise
  }

  async function run(cfg: Config, mode: Mode, started: number): Promise<string | null> {
    if (started !== epoch) return getToken()
    const serving = held && isFresh(held)
    publish(serving ? { refreshing: true } : { state: 'loading', refreshing: true, error: null })
    let outcome: Outcome
    try {
      const hinted = mode.kind !== 'force' && !hintStale && cfg.customerId
      outcome =
        (hinted && (await cached(cfg, hinted, mode))) ||
        // Listeners are never called while the lock is held: `mint` only reads, fetches and stores.
        (await withLock(`stencil-b2b-auth|${scope(cfg)}`, () => mint(cfg, mode, started)))
    } catch (error) {
      const failure = toB2BAuthError(error)
      if (started === epoch) {
        const stillValid = held && isFresh(held)
        publish({ state: stillValid ? 'ready' : 'error', refreshing: false, error: brief(failure) })
        console.warn(`[b2b-auth] ${failure.code}: ${failure.message}`)
      }
      throw failure
    }
    if (started !== epoch || outcome === 'superseded') return getToken()
    if (outcome === 'guest') {
      held = undefined
      publish({ state: 'guest', refreshing: false, ...holding(undefined), error: null })
      return null
    }
    held = outcome
    publish({ state: 'ready', refreshing: false, ...holding(outcome), channelId: outcome.channelId, error: null })
    if (mode.kind === 'plain' && needsRenewal(outcome)) join(cfg, { kind: 'renew' }).catch(noop)
    return outcome.token
  }

  /** The network flow, under the cross-tab lock. */
  async function mint(cfg: Config, mode: Mode, started: number): Promise<Outcome> {
    // Another tab may have minted while this one waited for the lock.
    const hinted = mode.kind !== 'force' && !hintStale && cfg.customerId
    const ready = hinted && (await cached(cfg, hinted, mode))
    if (ready) return ready
    const paused = mode.kind === 'force' ? undefined : cooldown.check(scope(cfg))
    if (paused) throw paused
    try {
      const customer = await fetchCurrentJwt(cfg)
      if (started !== epoch) return 'superseded'
      if (!customer) {
        await store.clear()
        tabs.post({ type: 'cleared' })
        cooldown.end()
        return 'guest'
      }
      // The live session outranks the page's data-customer-id (a stale page, a bfcache restore).
      hintStale = cfg.customerId !== undefined && customer.customerId !== cfg.customerId
      const key = recordKey(cfg.storeHash, cfg.channelId, customer.customerId)
      const known = await cached(cfg, customer.customerId, mode)
      if (known) return known
      const token = await authorize(cfg, customer.jwt)
      const obtainedAt = Date.now()
      const record: TokenRecord = {
        v: SCHEMA_VERSION,
        token,
        customerId: customer.customerId,
        storeHash: customer.storeHash ?? '',
        channelId: cfg.channelId,
        obtainedAt,
        expiresAt: tokenExpiry(token, obtainedAt, customer.clockOffset),
      }
      // A mint that lands after a clear or a customer change is never stored.
      if (started !== epoch) return 'superseded'
      await store.replace(key, record)
      tabs.post({ type: 'minted', customerId: record.customerId, storeHash: record.storeHash, channelId: record.channelId })
      cooldown.end()
      return record
    } catch (error) {
      const failure = toB2BAuthError(error)
      if (failure.code !== 'aborted') cooldown.start(scope(cfg), failure)
      throw failure
    }
  }

  /** The stored token for a customer, if it is good enough for `mode`. */
  async function cached(cfg: Config, customerId: string, mode: Mode): Promise<TokenRecord | undefined> {
    const record = await store.find(recordKey(cfg.storeHash, cfg.channelId, customerId))
    if (!record || !isFresh(record)) return undefined
    if (mode.kind === 'renew' && needsRenewal(record)) return undefined
    if (mode.kind === 'force' && (mode.replacing === undefined || record.token === mode.replacing)) return undefined
    return record
  }

  async function onTabMessage(message: TabMessage): Promise<void> {
    const cfg = config
    if (!cfg) return
    if (message.type === 'cleared') {
      if (!held && !flight) return
      reset()
      publish({ state: cfg.customerId === null ? 'guest' : 'idle', refreshing: false, ...holding(undefined), error: null })
      return
    }
    if (message.channelId !== cfg.channelId || (cfg.storeHash && message.storeHash !== cfg.storeHash)) return
    if (held && held.customerId !== message.customerId) {
      // The browser's session now belongs to someone else: nothing of the old customer survives.
      reset()
      hintStale = true
      publish({ state: 'idle', refreshing: false, ...holding(undefined), error: null })
      return
    }
    if (!held) return
    const started = epoch
    const record = await cached(cfg, message.customerId, { kind: 'plain' })
    if (record && started === epoch && record.token !== held?.token) {
      held = record
      publish({ state: 'ready', ...holding(record), error: null })
    }
  }

  // No timers: a tab coming back (visible again, online again, out of the back/forward cache)
  // checks its token then, renewing it if it is near its end.
  function onWake(event: Event): void {
    if (event.type === 'visibilitychange' && document.visibilityState !== 'visible') return
    if (event.type === 'pageshow') {
      if (!(event as PageTransitionEvent).persisted) return
      // Frozen in the cache, the page may have missed a sign-out: trust IndexedDB, not memory.
      if (held) reset()
    }
    if (event.type === 'online') cooldown.end()
    if (held || status.state === 'error' || (event.type === 'pageshow' && config?.customerId)) getToken().catch(noop)
  }

  async function clear(): Promise<void> {
    reset()
    await store.clear()
    tabs.post({ type: 'cleared' })
    publish({ state: 'idle', refreshing: false, ...holding(undefined), error: null })
  }

  function subscribe(listener: B2BAuthListener): () => void {
    listeners.add(listener)
    return () => void listeners.delete(listener)
  }

  return { configure, getToken, clear, status: () => status, subscribe }
}

function strength(mode: Mode): number {
  return mode.kind === 'force' ? 2 : mode.kind === 'renew' ? 1 : 0
}

function scope(cfg: Config): string {
  return `${cfg.storeHash ?? ''}|${cfg.channelId}`
}

function fits(record: TokenRecord, cfg: Config, hintStale: boolean): boolean {
  return (
    record.channelId === cfg.channelId &&
    (cfg.customerId === undefined || hintStale || record.customerId === cfg.customerId) &&
    (!cfg.storeHash || record.storeHash === cfg.storeHash)
  )
}

function holding(record: TokenRecord | undefined) {
  return {
    customerId: record?.customerId ?? null,
    storeHash: record?.storeHash ?? null,
    obtainedAt: record?.obtainedAt ?? null,
    expiresAt: record?.expiresAt ?? null,
    fingerprint: record ? fingerprint(record.token) : null,
  }
}

function brief(error: B2BAuthError) {
  return { code: error.code, message: error.message }
}

function aborted(): B2BAuthError {
  return new B2BAuthError('aborted', 'getB2BToken() was aborted by its caller')
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(aborted())
    signal.addEventListener('abort', onAbort, { once: true })
    void promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}
