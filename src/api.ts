import type { B2BAuthConfigInput } from './core/config'
import type {
  B2BAuthListener,
  B2BAuthStatus,
  B2BGraphQLOptions,
  B2BSignedIn,
  B2BSignInCredentials,
  B2BSignInOptions,
  B2BSignOutOptions,
  GetTokenOptions,
} from './core/contract'
import type { B2BAuthError } from './core/errors'

/**
 * What `window.b2bAuth` offers classic scripts and the browser console: the named exports of the
 * module, each documented there, and the console's tools. Written out, not inferred from the
 * module, so that a change to it is a change to this file.
 */
export interface B2BAuthApi {
  getB2BToken: (options?: GetTokenOptions) => Promise<string | null>
  onB2BTokenChange: (listener: B2BAuthListener) => () => void
  clearB2BToken: () => Promise<void>
  getB2BStatus: () => B2BAuthStatus
  configure: (options: B2BAuthConfigInput) => void
  isB2BAuthError: (value: unknown) => value is B2BAuthError
  b2bGraphQL: <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, options?: B2BGraphQLOptions) => Promise<T>
  signIn: (credentials: B2BSignInCredentials, options?: B2BSignInOptions) => Promise<B2BSignedIn>
  signOut: (options?: B2BSignOutOptions) => Promise<void>
  showBadge: () => Promise<void>
  hideBadge: () => Promise<void>
  help: () => Promise<void>
  status: () => Promise<void>
  refresh: () => Promise<B2BAuthStatus>
  clear: () => Promise<void>
  debug: (on?: boolean) => Promise<void>
}

/** A callback a classic script queues before the module has loaded; see `b2bAuthReady`. */
export type B2BAuthReadyCallback = (b2bAuth: B2BAuthApi) => void

declare global {
  interface Window {
    b2bAuth: B2BAuthApi
    /**
     * Classic scripts that may run before the module: queue a callback, called with
     * `window.b2bAuth` once the module has loaded (at once, after that).
     *
     * @example
     * ;(window.b2bAuthReady = window.b2bAuthReady || []).push((b2bAuth) => b2bAuth.getB2BToken())
     */
    b2bAuthReady: B2BAuthReadyCallback[] | { push(...callbacks: B2BAuthReadyCallback[]): void }
  }
}
