import { trimmed } from './config'
import { B2BAuthError, isB2BAuthError } from './errors'
import { DEFAULT_CLIENT_ID, LEGACY_CLIENT_ID, type Settings } from './settings'

// Which B2B Edition app client id a store's B2B API accepts cannot be known in advance: the Buyer
// Portal moved production from dl7c… to qxvap… in May 2026 after one revert, because the backend
// accepted only one id at a time (b2b-buyer-portal PRs #868, #869, #872; facts §2). Without
// data-client-id, the other known id is tried once, and the one that worked is remembered for the
// store, so the next cold page pays nothing extra.
const KEY = 'stencil-b2b-auth:client-id|'

const remembered = (cfg: Settings): string | null => {
  try {
    return localStorage.getItem(KEY + (cfg.storeHash ?? ''))
  } catch {
    return null
  }
}

/** Remembers, for the store, the client id a token was just obtained with. */
export function rememberClientId(cfg: Settings, clientId: string): void {
  try {
    if (remembered(cfg) !== clientId) localStorage.setItem(KEY + (cfg.storeHash ?? ''), clientId)
  } catch {
    // Private browsing: the fallback costs its requests again on the next cold page.
  }
}

/**
 * An answer that says the JWT was asked for the wrong app: its `aud` is not the id asked for, the
 * B2B API refused its signature or audience, or (no-session) current.jwt said nobody is signed in
 * on a page rendered for a customer. An expired JWT is not one: the other id would not help.
 */
function wrongApp(error: unknown): error is B2BAuthError {
  if (!isB2BAuthError(error)) return false
  const { code, message } = error
  return (
    code == 'jwt_audience' ||
    code == 'client_id' ||
    (code == 'graphql' && /signature|audience|invalid.{0,12}(token|jwt)/i.test(message) && !/expired/i.test(message))
  )
}

/**
 * Runs `attempt` with the page's client id; without data-client-id, with the Portal's id first
 * (or the one remembered for the store), then once more with the other if the answer points at
 * the JWT's app. What the last attempt met that points there becomes a `client_id` error naming
 * data-client-id, with the API's own errors kept.
 */
export async function withClientId<T>(cfg: Settings, attempt: (settings: Settings) => Promise<T>): Promise<T> {
  const ids = trimmed(cfg.input.clientId)
    ? [cfg.clientId]
    : remembered(cfg) == LEGACY_CLIENT_ID
      ? [LEGACY_CLIENT_ID, DEFAULT_CLIENT_ID]
      : [DEFAULT_CLIENT_ID, LEGACY_CLIENT_ID]
  for (let i = 0; ; i++) {
    try {
      return await attempt({ ...cfg, clientId: ids[i]! })
    } catch (error) {
      if (!wrongApp(error)) throw error
      if (ids[i + 1]) continue
      const tried = `app_client_id ${ids.join(' and ')}`
      const { status, errors } = error
      throw new B2BAuthError(
        'client_id',
        error.code == 'client_id'
          ? `${error.message} (with ${tried})`
          : `The B2B API refused the storefront's customer JWT for ${tried} (${error.message}): set data-client-id to the client id of the B2B Edition app on this store (see the README, "Which client id")`,
        { status, errors },
      )
    }
  }
}

/**
 * The page was rendered for a customer (data-customer-id), yet current.jwt says nobody is signed
 * in. A wrong app client id may look exactly like that (facts §1: its answer is undocumented), so
 * the page is not made a guest page silently.
 */
const NO_SESSION = 'The page was rendered for customer '
export const isNoSession = (error: unknown) => isB2BAuthError(error) && error.message.startsWith(NO_SESSION)

export function noSession(customerId: string): B2BAuthError {
  return new B2BAuthError(
    'client_id',
    `${NO_SESSION}${customerId}, but current.jwt says nobody is signed in: data-client-id is probably not the client id of the B2B Edition app on this store, or the session ended since the page was rendered; no token is handed out`,
  )
}
