import type { B2BAuthConfigInput } from './config'
import { B2BAuthError, isB2BAuthError } from './errors'
import { boot } from './boot'
import { session } from './instance'
import type { B2BGraphQLOptions } from './b2b-graphql'
import type { B2BAuthListener, B2BAuthStatus, GetTokenOptions } from './session'

export type { B2BGraphQLOptions } from './b2b-graphql'
export type { B2BAuthConfigInput } from './config'
export type { B2BAuthErrorCode, B2BAuthErrorDetails, B2BGraphQLError } from './errors'
export type { B2BAuthListener, B2BAuthState, B2BAuthStatus, GetTokenOptions } from './session'
export type { StorageTier } from './token-store'
/** The type of `window.b2bAuth`; importing the module also declares it on `Window`. */
export type { B2BAuthApi } from './boot'
export { B2BAuthError, isB2BAuthError }

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
  return session().subscribe(listener)
}

/**
 * Forgets the token, in memory and in IndexedDB, for this store; a flow in progress is thrown
 * away. The next `getB2BToken()` asks the storefront again.
 *
 * @example
 * signOutButton.addEventListener('click', () => clearB2BToken())
 */
export function clearB2BToken(): Promise<void> {
  return session().call('clear', []) as Promise<void>
}

/**
 * A synchronous snapshot: state, customer, channel, expiry, storage tier and the last error.
 *
 * @example
 * if (getB2BStatus().state === 'error') console.warn(getB2BStatus().error?.message)
 */
export function getB2BStatus(): B2BAuthStatus {
  return session().status()
}

/**
 * Sets options for code that imports the module, over what the script tag gave; the same fields
 * as the tag's `data-*` attributes. Throws a `config` B2BAuthError for an invalid value.
 *
 * @example
 * configure({ channelId: 2, storeHash: 'abc123', customerId: window.jsContext.customerId })
 */
export function configure(options: B2BAuthConfigInput): void {
  session().configure(options)
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
export function b2bGraphQL<T = Record<string, unknown>>(
  query: string,
  variables?: Record<string, unknown>,
  options?: B2BGraphQLOptions,
): Promise<T> {
  return session().call('b2bGraphQL', [query, variables, options]) as Promise<T>
}

boot(import.meta.url, { getB2BToken, onB2BTokenChange, clearB2BToken, getB2BStatus, configure, isB2BAuthError, b2bGraphQL })
