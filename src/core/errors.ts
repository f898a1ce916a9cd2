/**
 * Why getting a B2B token failed. Each code has one cause and one fix, listed in the README:
 * - `config`: a script-tag attribute or `configure()` option is invalid; the message names it.
 * - `network`: no answer at all (offline, DNS, a CORS refusal by the B2B endpoint).
 * - `timeout`: a request took longer than `timeoutMs`.
 * - `aborted`: the caller's `AbortSignal` fired.
 * - `http`: an HTTP status the module cannot use (5xx, an unexpected 4xx).
 * - `html_response`: `current.jwt` answered with an HTML page (login redirect, maintenance mode).
 * - `invalid_jwt`: `current.jwt` answered with something that is not a customer JWT.
 * - `jwt_audience`: the JWT was issued for another client id than `data-client-id`.
 * - `jwt_store`: the JWT belongs to another store than `data-store-hash`.
 * - `jwt_expired`: the JWT had expired before it could be used.
 * - `graphql`: the B2B API answered with GraphQL `errors`; see `errors` and `graphqlCode`.
 * - `invalid_response`: the B2B API answered without JSON or without a token.
 * - `too_large`: a response body was larger than any real answer.
 * - `guest`: `b2bGraphQL()` was called with nobody signed in; nothing was sent.
 * - `invalid_credentials`: `signIn()` was given a wrong email or password.
 * - `company_pending`, `company_rejected`, `company_inactive`: the Company account cannot sign in.
 * - `channel_not_live`: the storefront channel is not live.
 * - `session_sync`: `signIn()` got a B2B token, but the storefront session did not sign in (checked
 *   with `current.jwt`); the token was not kept.
 * - `client_id`: the storefront's JWT was refused for every client id tried (or, on a page rendered
 *   for a customer, current.jwt said nobody is signed in); the message names `data-client-id`.
 * - `internal`: a bug in this module (anything it threw that is none of the above); `cause` keeps
 *   what was thrown. Please report it.
 */
export type B2BAuthErrorCode =
  | 'config'
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'http'
  | 'html_response'
  | 'invalid_jwt'
  | 'jwt_audience'
  | 'jwt_store'
  | 'jwt_expired'
  | 'graphql'
  | 'invalid_response'
  | 'too_large'
  | 'guest'
  | 'invalid_credentials'
  | 'company_pending'
  | 'company_rejected'
  | 'company_inactive'
  | 'channel_not_live'
  | 'session_sync'
  | 'client_id'
  | 'internal'

/** One entry of a GraphQL `errors` array, as the B2B API sends it. */
export interface B2BGraphQLError {
  message: string
  /** `extensions.code`: 40101 means the B2B token has expired. */
  code?: string | number
}

export interface B2BAuthErrorDetails {
  status?: number | undefined
  errors?: B2BGraphQLError[] | undefined
  /** From a 429 or 503 answer's Retry-After header. */
  retryAfterMs?: number
  cause?: unknown
}

/**
 * The one error type this module rejects with. Messages never contain token or JWT text.
 * `instanceof B2BAuthError` holds for errors of every copy of the bundle on the page.
 *
 * @example
 * try {
 *   await getB2BToken()
 * } catch (error) {
 *   if (isB2BAuthError(error) && error.code === 'jwt_audience') console.warn(error.message)
 * }
 */
export class B2BAuthError extends Error {
  // The network flow is a chunk of its own with its own copy of this class, and a page may hold
  // two copies of the bundle: instanceof answers for any of them.
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isB2BAuthError(value)
  }

  override readonly name = 'B2BAuthError' as const
  declare readonly code: B2BAuthErrorCode
  /** The HTTP status of the answer that failed, where there was one. */
  declare readonly status?: number
  /** The GraphQL `errors` of the answer, for `graphql`. */
  declare readonly errors?: B2BGraphQLError[]
  /** `extensions.code` of the first GraphQL error, for `graphql`. */
  declare readonly graphqlCode?: string | number
  /** How long the server asked us to wait (Retry-After), in ms, where it did. */
  declare readonly retryAfterMs?: number

  constructor(code: B2BAuthErrorCode, message: string, details: B2BAuthErrorDetails = {}) {
    super(message, details)
    Object.assign(this, details, { code, graphqlCode: details.errors?.[0]?.code })
  }
}

/**
 * True for a `B2BAuthError`, also one thrown by another copy of this bundle on the page.
 *
 * @example
 * getB2BToken().catch((e) => { if (isB2BAuthError(e)) showBanner(e.code) })
 */
export function isB2BAuthError(value: unknown): value is B2BAuthError {
  const error = value as { name?: unknown; code?: unknown } | null | undefined
  return error?.name === 'B2BAuthError' && typeof error.code === 'string' && typeof error === 'object'
}
