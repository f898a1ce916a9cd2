// The contract between the entry and its chunks, which are built apart (see vite.config.ts) and
// meet only here: the engine's state the entry lends every chunk, what each chunk exports, and the
// public types both sides speak. Types only: nothing here reaches a bundle.
import type { UncheckedConfig, B2BAuthConfigInput } from './config'
import type { B2BAuthErrorCode } from './errors'
import type { TokenRecord } from './token-record'

/**
 * - `idle`: no token held and none asked for yet (also after `clearB2BToken()`); the first
 *   `getB2BToken()` makes it `loading`. A page with the script tag and a customer asks at once.
 * - `guest`: nobody is signed in; `getB2BToken()` resolves null.
 * - `loading`: no token held yet; talking to the storefront and the B2B API.
 * - `ready`: a token is held; see `expiresAt` (and `refreshing` while it is being renewed).
 * - `error`: the last attempt failed and no valid token is held; see `error`.
 */
export type B2BAuthState = 'idle' | 'guest' | 'loading' | 'ready' | 'error'

/** Where tokens live: `memory` when IndexedDB is unavailable and tokens last only as long as the page. */
export type StorageTier = 'indexeddb' | 'memory'

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

/** Options of `b2bGraphQL()`. */
export interface B2BGraphQLOptions {
  /** Stops waiting for the token and the answer. */
  signal?: AbortSignal
}

/** What `signIn()` takes. The password is sent in the request body, once, and kept nowhere. */
export interface B2BSignInCredentials {
  email: string
  password: string
  /** Default: `data-store-hash`. */
  storeHash?: string
  /** Default: `data-channel-id`. */
  channelId?: number
}

/** Who signed in. Never the token: `getB2BToken()` has it. */
export interface B2BSignedIn {
  /** The BigCommerce customer id (`user.bcId`), as `getB2BStatus().customerId` has it. */
  customerId: string
  /** The B2B Edition user id. */
  userId: string
  email: string
  firstName: string
  lastName: string
  /**
   * The Company's `companyStatus` (0 pending, 1 approved, 2 rejected, 3 inactive, 4 deleted) for a
   * company user (userType 3, role 0, 1, 2 or 5); null for anyone else (a B2C customer, a super
   * admin). A user the B2B API lets in is signed in whatever the status, as the Buyer Portal does
   * (it admits a pending or rejected Company's user as a restricted one): the theme decides what
   * such a shopper may do.
   */
  companyStatus: number | null
}

export interface B2BSignInOptions {
  signal?: AbortSignal
}

/** What `signOut()` takes. */
export interface B2BSignOutOptions {
  /** Sign the storefront session out too (Stencil's `/login.php?action=logout`). */
  storefront?: boolean
}

/**
 * What one tab tells the others. Never a token: a tab told of a mint reads it from IndexedDB.
 * - `minted`: a token for this customer, store and channel is in the store now.
 * - `cleared`: every stored token is gone (sign-out, a guest page, clearB2BToken()).
 */
export type TabMessage = { type: 'minted'; customerId: string; storeHash: string; channelId: number } | { type: 'cleared' }

export interface TabSync {
  /** @mangled */
  post(message: TabMessage): void
}

export interface TokenStore {
  /** Where tokens live now: IndexedDB, or this page's memory once IndexedDB has failed. @mangled */
  tier(): StorageTier
  /** The entry under a key from recordKey(), if it is a valid one (see validRecord). @mangled */
  lookup(key: string): Promise<TokenRecord | undefined>
  /**
   * Stores the entry as the only one: a browser has one storefront session, so a token of any
   * other customer is stale the moment another is minted.
   * @mangled
   */
  keepOnly(key: string, record: TokenRecord): Promise<void>
  /** Drops every entry: IndexedDB is per origin, and an origin is one store's storefront. */
  clear(): Promise<void>
}

/**
 * plain: any fresh token; renew: one not near its end; force: not the one being replaced.
 * `waiveCooldown` skips the failure cooldown, as after coming back online.
 */
export interface Mode {
  kind: 'plain' | 'renew' | 'force'
  /** @mangled */
  replacing: string | undefined
  /** @mangled */
  waiveCooldown: boolean
}

/**
 * The engine's state, which the entry lends every chunk. Its fields are written only by the
 * functions of core/state.ts (and `status` only by `publish`), so that who may change what is
 * read in one file.
 */
export interface Engine {
  /** @mangled */
  readonly tokenStore: TokenStore
  /** @mangled */
  readonly tabSync: TabSync
  // Written by publish() alone, which core/state.ts calls.
  status: B2BAuthStatus
  /** The entry's: setConfig() and readConfig() set it; nothing else does. @mangled */
  cfg: UncheckedConfig | undefined
  /** Bumped whenever whose token we may hand out changes: a flow started before is thrown away. @mangled */
  epoch: number
  /** @mangled */
  held: TokenRecord | undefined
  /** Another tab, or the JWT, showed this page's data-customer-id to be stale. @mangled */
  hintStale: boolean
  /** @mangled */
  flight: { promise: Promise<string | null>; mode: Mode } | undefined
  // epoch, held, hintStale and flight change only in core/state.ts.
  /** The failure cooldown's own copy of its pause, once localStorage refused it: core/cooldown.ts alone uses it. */
  paused?: unknown
  /** The config, as given: checked-config.ts checks it before the network is used. @mangled */
  readConfig(): UncheckedConfig
  /** @mangled */
  publish(patch: Partial<B2BAuthStatus>): void
  /** The stored token of a customer, if fresh. @mangled */
  cached(cfg: UncheckedConfig, customerId: string): Promise<TokenRecord | undefined>
}

/** The flow chunk: everything but serving a cached token. */
export interface FlowChunk {
  /** @mangled */
  getToken(engine: Engine, options?: GetTokenOptions): Promise<string | null>
  /** @mangled */
  onTabMessage(engine: Engine, data: unknown): Promise<void>
  /** @mangled */
  onWake(engine: Engine, event: Event): void
  clear(engine: Engine): Promise<void>
  /** Follows the Buyer Portal's on-logout on a page with its install script (net/buyer-portal.ts). @mangled */
  followPortal(engine: Engine): void
  /** @mangled */
  requestWithToken(engine: Engine, query: string, variables?: Record<string, unknown>, options?: B2BGraphQLOptions): Promise<unknown>
}

/** The sign-in chunk: a theme's own sign-in form. */
export interface SignInChunk {
  signIn(engine: Engine, credentials: B2BSignInCredentials, options?: B2BSignInOptions): Promise<B2BSignedIn>
  signOut(engine: Engine, options?: B2BSignOutOptions): Promise<void>
}

/** What Session.callChunk runs: a chunk's function, given the engine first. */
export type ChunkFunction = (engine: Engine, ...args: never[]) => Promise<unknown>

/** The chunks whose functions run on the engine, by the name Session.callChunk takes. */
export interface EngineChunks {
  flow: FlowChunk
  'sign-in': SignInChunk
}

/**
 * The page's one engine, shared by every copy of the bundle (entry/instance.ts): its methods are
 * what copies of other builds call, so the shape is versioned there.
 */
export interface Session {
  /** @mangled */
  setConfig(input: B2BAuthConfigInput, fromTag?: boolean): void
  /** @mangled */
  getToken(options?: GetTokenOptions): Promise<string | null>
  /** @mangled */
  getStatus(): B2BAuthStatus
  /** @mangled */
  listen(listener: B2BAuthListener): () => void
  /** Runs a function of the flow or sign-in chunk on this engine, loading the chunk first. @mangled */
  callChunk<C extends keyof EngineChunks>(chunk: C, pick: (code: EngineChunks[C]) => ChunkFunction, args: unknown[]): Promise<unknown>
}
