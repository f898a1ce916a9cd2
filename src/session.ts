import { authorize } from './authorize'
import { parseConfig, sameConfig, type B2BAuthConfigInput, type Config } from './config'
import { fetchCurrentJwt } from './current-jwt'
import { B2BAuthError, toB2BAuthError, type B2BAuthErrorCode } from './errors'
import { isFresh, tokenExpiry } from './expiry'
import { fingerprint } from './secrets'
import { createTokenStore, recordKey, SCHEMA_VERSION, type StorageTier, type TokenRecord, type TokenStore } from './token-store'

/**
 * - `idle`: no token held and none asked for yet (also after `clearB2BToken()`).
 * - `guest`: nobody is signed in; `getB2BToken()` resolves null.
 * - `loading`: reading the cache or talking to the storefront and the B2B API.
 * - `ready`: a token is held; see `expiresAt`.
 * - `error`: the last attempt failed; see `error`.
 */
export type B2BAuthState = 'idle' | 'guest' | 'loading' | 'ready' | 'error'

/** A snapshot of the module's state. It never holds the token: `fingerprint` tells tokens apart. */
export interface B2BAuthStatus {
  readonly state: B2BAuthState
  readonly customerId: string | null
  readonly storeHash: string | null
  readonly channelId: number
  /** Epoch ms, local clock. */
  readonly obtainedAt: number | null
  /** Epoch ms, local clock; the token is renewed a few minutes before. */
  readonly expiresAt: number | null
  readonly fingerprint: string | null
  /** `memory` when IndexedDB is unavailable and tokens last only as long as the page. */
  readonly storage: StorageTier
  readonly error: { readonly code: B2BAuthErrorCode; readonly message: string } | null
}

export interface GetTokenOptions {
  /** Skip the cache and mint a new token, as after the B2B API refused the current one. */
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

const noop = () => {}

/** The engine: one per page, shared by every copy of the bundle (see instance.ts). */
export function createSession(store: TokenStore = createTokenStore()): Session {
  let input: B2BAuthConfigInput = {}
  let config: Config | undefined
  let configError: B2BAuthError | undefined
  // Bumped whenever whose token we may hand out changes: a flow started before is thrown away.
  let epoch = 0
  let held: TokenRecord | undefined
  let flight: { promise: Promise<string | null>; force: boolean } | undefined
  let guestCleared = false
  const listeners = new Set<B2BAuthListener>()
  let status: B2BAuthStatus = Object.freeze({
    state: 'idle',
    ...holding(undefined),
    channelId: 1,
    storage: store.tier(),
    error: null,
  })

  function publish(patch: Partial<B2BAuthStatus>): void {
    const snapshot = (status = Object.freeze({ ...status, ...patch, storage: store.tier() }))
    for (const listener of [...listeners]) {
      try {
        listener(snapshot)
      } catch (error) {
        console.error('[b2b-auth] an onB2BTokenChange listener threw', error)
      }
    }
    if (typeof window !== 'undefined') window.dispatchEvent(new CustomEvent('b2b-auth:change', { detail: snapshot }))
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
    publish({ state: 'idle', ...holding(undefined), channelId: next.channelId, error: null })
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
    if (!options.forceRefresh && held && fits(held, cfg) && isFresh(held)) return held.token
    return abortable(join(cfg, !!options.forceRefresh), signal)
  }

  async function guestPage(): Promise<null> {
    if (!guestCleared) {
      guestCleared = true
      held = undefined
      await store.clear()
    }
    if (status.state !== 'guest') publish({ state: 'guest', ...holding(undefined), error: null })
    return null
  }

  // Every caller on the page shares one flow; a forced refresh waits for a plain one to finish
  // and then runs its own, since the plain one may hand back the very token being replaced.
  function join(cfg: Config, force: boolean): Promise<string | null> {
    if (flight && (flight.force || !force)) return flight.promise
    const before = flight?.promise
    const started = epoch
    const promise = (before ? before.then(noop, noop) : Promise.resolve()).then(() => run(cfg, force, started))
    const entry = { promise, force }
    flight = entry
    const done = () => {
      if (flight === entry) flight = undefined
    }
    promise.then(done, done)
    return promise
  }

  async function run(cfg: Config, force: boolean, started: number): Promise<string | null> {
    // Superseded (clear, sign-out, another customer): start over under what holds now.
    const superseded = () => started !== epoch
    if (superseded()) return getToken()
    publish({ state: 'loading', error: null })
    try {
      let record = force || !cfg.customerId ? undefined : await cached(cfg, cfg.customerId)
      if (!record) {
        const customer = await fetchCurrentJwt(cfg)
        if (superseded()) return getToken()
        if (!customer) {
          held = undefined
          await store.clear()
          publish({ state: 'guest', ...holding(undefined), error: null })
          return null
        }
        if (!force) record = await cached(cfg, customer.customerId)
        if (!record) {
          const token = await authorize(cfg, customer.jwt)
          const obtainedAt = Date.now()
          record = {
            v: SCHEMA_VERSION,
            token,
            customerId: customer.customerId,
            storeHash: customer.storeHash ?? '',
            channelId: cfg.channelId,
            obtainedAt,
            expiresAt: tokenExpiry(token, obtainedAt, customer.clockOffset),
          }
          // A mint that lands after a clear or a customer change is never stored.
          if (superseded()) return getToken()
          await store.put(recordKey(cfg.storeHash, cfg.channelId, record.customerId), record)
        }
      }
      if (superseded()) return getToken()
      held = record
      publish({ state: 'ready', ...holding(record), channelId: record.channelId, error: null })
      return record.token
    } catch (error) {
      const failure = toB2BAuthError(error)
      if (!superseded()) {
        publish({ state: 'error', error: brief(failure) })
        console.warn(`[b2b-auth] ${failure.code}: ${failure.message}`)
      }
      throw failure
    }
  }

  async function cached(cfg: Config, customerId: string) {
    const record = await store.find(recordKey(cfg.storeHash, cfg.channelId, customerId))
    return record && isFresh(record) ? record : undefined
  }

  async function clear(): Promise<void> {
    reset()
    await store.clear()
    publish({ state: 'idle', ...holding(undefined), error: null })
  }

  function subscribe(listener: B2BAuthListener): () => void {
    listeners.add(listener)
    return () => void listeners.delete(listener)
  }

  return { configure, getToken, clear, status: () => status, subscribe }
}

function fits(record: TokenRecord, cfg: Config): boolean {
  return (
    record.channelId === cfg.channelId &&
    (cfg.customerId === undefined || record.customerId === cfg.customerId) &&
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
