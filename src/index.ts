import type { B2BAuthApi } from './api'
import type { B2BAuthConfigInput } from './core/config'
import type {
  B2BAuthListener,
  B2BAuthStatus,
  B2BGraphQLOptions,
  B2BSignedIn,
  B2BSignInCredentials,
  B2BSignInOptions,
  B2BSignOutOptions,
  ChunkFunction,
  Engine,
  EngineChunks,
  GetTokenOptions,
} from './core/contract'
import { B2BAuthError, isB2BAuthError } from './core/errors'
import { boot } from './entry/boot'
import { loadBadge, loadConsole } from './entry/chunks'
import { session } from './entry/instance'

/** The type of `window.b2bAuth`; importing the module also declares it on `Window`. */
export type { B2BAuthApi } from './api'
export type { B2BAuthConfigInput } from './core/config'
export type {
  B2BAuthListener,
  B2BAuthState,
  B2BAuthStatus,
  B2BGraphQLOptions,
  B2BSignedIn,
  B2BSignInCredentials,
  B2BSignInOptions,
  GetTokenOptions,
  StorageTier,
} from './core/contract'
export type { B2BAuthErrorCode, B2BAuthErrorDetails, B2BGraphQLError } from './core/errors'
export { B2BAuthError, isB2BAuthError }

/** A chunk function as a theme calls it: the entry passes the engine, the theme the rest. */
type Called<F> = F extends (engine: Engine, ...args: infer A) => infer R ? (...args: A) => R : never

// The exports that run in the flow or sign-in chunk: each loads its chunk on first use. Typed by
// the function picked, so that each export's declared type is checked against the chunk's own
// (core/contract.ts): a signature changed on one side only does not compile. b2bGraphQL's generic
// type is a cast, which checks only that the two overlap (a parameter of another type fails it;
// one more optional or required one does not).
const inChunk = <C extends keyof EngineChunks, F extends ChunkFunction>(chunk: C, pick: (code: EngineChunks[C]) => F): Called<F> =>
  ((...args: unknown[]) => session().callChunk(chunk, pick, args)) as Called<F>

/**
 * The signed-in shopper's B2B Edition storefront authToken, or null for a guest. Served from
 * memory or IndexedDB when fresh (no request); otherwise one `current.jwt` request and one
 * `authorization` mutation, shared by every caller on the page.
 *
 * @example
 * const token = await getB2BToken()
 * if (token) fetch(endpoint, { headers: { Authorization: `Bearer ${token}` }, ... })
 */
export function getB2BToken(options?: GetTokenOptions): Promise<string | null> {
  return session().getToken(options)
}

/**
 * Calls `listener` with the new status on every change (also sent as the `b2b-auth:change`
 * event on window). Neither carries the token. Returns the unsubscribe function.
 *
 * @example
 * const stop = onB2BTokenChange((status) => console.log(status.state, status.customerId))
 */
export function onB2BTokenChange(listener: B2BAuthListener): () => void {
  return session().listen(listener)
}

/**
 * Forgets the token, in memory and in IndexedDB, for this store; a flow in progress is thrown
 * away. The next `getB2BToken()` asks the storefront again.
 *
 * @example
 * signOutButton.addEventListener('click', () => clearB2BToken())
 */
export const clearB2BToken: () => Promise<void> = inChunk('flow', (flow) => flow.clear)

/**
 * A synchronous snapshot: state, customer, channel, expiry, storage tier and the last error.
 *
 * @example
 * if (getB2BStatus().state === 'error') console.warn(getB2BStatus().error?.message)
 */
export function getB2BStatus(): B2BAuthStatus {
  return session().getStatus()
}

/**
 * Sets options for code that imports the module, over what the script tag gave; the same fields
 * as the tag's `data-*` attributes. An invalid value is a `config` error, naming the option, from
 * the next getB2BToken() that needs the network, and in the status.
 *
 * @example
 * configure({ channelId: 2, storeHash: 'abc123', customerId: window.jsContext.customerId })
 */
export function configure(options: B2BAuthConfigInput): void {
  session().setConfig(options)
}

/**
 * Sends a GraphQL document to the B2B Edition storefront API with the shopper's token
 * (`Authorization: Bearer …`) and returns `data`. On the expired-token answer (code 40101, or
 * HTTP 401) it mints a new token once and retries once. Rejects with a `B2BAuthError`: `guest`
 * (nobody signed in; nothing sent), `graphql` (with the API's `errors`), or a network code. A
 * query is retried after a failed connection or a 5xx; a mutation is not, as it may have run.
 *
 * @example
 * const { customerInfo } = await b2bGraphQL<{ customerInfo: { userType: number } }>(
 *   '{ customerInfo { userType } }',
 * )
 */
export const b2bGraphQL = inChunk('flow', (flow) => flow.requestWithToken) as <T = Record<string, unknown>>(
  query: string,
  variables?: Record<string, unknown>,
  options?: B2BGraphQLOptions,
) => Promise<T>

/**
 * Signs a Company user in with the B2B Edition `login` mutation, keeps the
 * token as `getB2BToken()` would, and signs the storefront session in too. Resolves who signed in,
 * never the token. The password goes in the request body once and is kept nowhere. Rejects with
 * `config`, `invalid_credentials`, `company_pending`, `company_rejected`, `company_inactive`,
 * `channel_not_live` or `session_sync`.
 *
 * @example
 * const who = await signIn({ email: form.email.value, password: form.password.value })
 */
export const signIn: (credentials: B2BSignInCredentials, options?: B2BSignInOptions) => Promise<B2BSignedIn> = inChunk(
  'sign-in',
  (chunk) => chunk.signIn,
)

/**
 * Forgets the token in every tab and, with `{ storefront: true }`, first signs the storefront
 * session out, so a theme's own sign-out leaves nothing behind. If that sign-out fails, the token
 * is cleared all the same and it rejects (`network` or `http`): the session may still be live.
 *
 * @example
 * signOutButton.onclick = () => signOut({ storefront: true }).then(() => location.assign('/'))
 */
export const signOut: (options?: B2BSignOutOptions) => Promise<void> = inChunk('sign-in', (chunk) => chunk.signOut)

// The badge (Preact included) and the console tools are chunks of their own, loaded on first use:
// the console's help() never downloads Preact.
type Tools = Awaited<ReturnType<typeof loadBadge>> & Awaited<ReturnType<typeof loadConsole>>
type Tool<K extends keyof Tools> = Tools[K] extends (api: B2BAuthApi, ...args: infer A) => infer R
  ? (...args: A) => Promise<Awaited<R>>
  : never
const tool = <K extends keyof Tools>(load: () => Promise<Pick<Tools, K>>, name: K): Tool<K> =>
  ((...args: unknown[]) =>
    load().then((tools) => (tools[name] as (api: B2BAuthApi, ...args: unknown[]) => unknown)(api, ...args))) as Tool<K>

/**
 * Shows the status badge on this page (also `data-badge` on the tag, or `?b2b-auth-debug=1`).
 *
 * @example
 * window.b2bAuth.showBadge()
 */
export const showBadge = tool(loadBadge, 'showBadge')

/** Removes the status badge. @example window.b2bAuth.hideBadge() */
export const hideBadge = tool(loadBadge, 'hideBadge')

/** Prints what the console API offers. @example window.b2bAuth.help() */
export const help = tool(loadConsole, 'help')

/** Prints the status as a table, never the token. @example window.b2bAuth.status() */
export const status = tool(loadConsole, 'status')

/**
 * Mints a new token now and resolves the status (never the token, so the console cannot echo it).
 *
 * @example
 * await window.b2bAuth.refresh()
 */
export const refresh = tool(loadConsole, 'refresh')

/** The console's name for clearB2BToken(). @example window.b2bAuth.clear() */
export const clear = clearB2BToken

/**
 * Debug mode for this tab: each step of the flow logged under `[b2b-auth]`, with timings and
 * fingerprints only. Remembered across reloads until `debug(false)`.
 *
 * @example
 * window.b2bAuth.debug(true)
 */
export const debug = tool(loadConsole, 'debug')

const api: B2BAuthApi = {
  getB2BToken,
  onB2BTokenChange,
  clearB2BToken,
  getB2BStatus,
  configure,
  isB2BAuthError,
  b2bGraphQL,
  signIn,
  signOut,
  showBadge,
  hideBadge,
  help,
  status,
  refresh,
  clear,
  debug,
}

boot(import.meta.url, api)
