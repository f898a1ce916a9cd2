import { trimmed } from '../core/config'
import { pauses, pausesNoTab } from '../core/cooldown'
import { B2BAuthError, isB2BAuthError } from '../core/errors'
import { DEFAULT_CLIENT_ID, LEGACY_CLIENT_ID, type CheckedConfig } from '../net/checked-config'

// Which B2B Edition app client id a store's B2B API accepts cannot be known in advance: the Buyer
// Portal moved production from dl7c… to qxvap… in May 2026 after one revert, because the backend
// accepted only one id at a time (bigcommerce/b2b-buyer-portal PRs #868, #869, #872). Without
// data-client-id, the other known id is tried once, and the one that worked is remembered for the
// store, so the next cold page pays nothing extra.
// Keyed by store hash ("undefined" without data-store-hash: one storefront per origin anyway).
const KEY = 'stencil-b2b-auth:client-id|'

const remembered = (settings: CheckedConfig): string | null => {
  try {
    return localStorage.getItem(KEY + settings.storeHash)
  } catch {
    return null
  }
}

/** Remembers, for the store, the client id a token was just obtained with. */
export function rememberClientId(settings: CheckedConfig): void {
  try {
    localStorage.setItem(KEY + settings.storeHash, settings.clientId)
  } catch {
    // Private browsing: the fallback costs its requests again on the next cold page.
  }
}

/**
 * An answer that says the JWT was asked for the wrong app: the B2B API refused its signature or
 * audience, or (noSession) current.jwt said nobody is signed in on a page rendered for a customer.
 * Not an expired JWT, nor one whose `aud` is not the id asked for (jwt_audience: the storefront
 * answered for another app than asked, which the other id cannot mend).
 */
const wrongApp = (error: unknown): error is B2BAuthError =>
  isB2BAuthError(error) &&
  (error.code == 'client_id' || (error.code == 'graphql' && /signature verif|audience|invalid (bc)?token/i.test(error.message)))

/**
 * Runs `attempt` with the page's client id; without data-client-id, with the Portal's id first
 * (or the one remembered for the store), then once more with the other if the answer points at
 * the JWT's app. If the last answer points there too, that is a `client_id` error naming
 * data-client-id, with the API's own errors kept.
 */
export async function withClientId<T>(settings: CheckedConfig, attempt: (withId: CheckedConfig) => Promise<T>): Promise<T> {
  const known = [DEFAULT_CLIENT_ID, LEGACY_CLIENT_ID]
  const ids = trimmed(settings.given.clientId) ? [settings.clientId] : remembered(settings) == LEGACY_CLIENT_ID ? known.reverse() : known
  for (let i = 0; ; i++) {
    try {
      return await attempt({ ...settings, clientId: ids[i]! })
    } catch (error) {
      if (!wrongApp(error)) throw error
      if (ids[i + 1]) continue
      const { status, errors, message } = error
      const failure = new B2BAuthError('client_id', `${message}: check data-client-id (tried ${ids})`, { status, errors })
      // Nobody signed in pauses no tab, under either id (noSession).
      throw pauses(error) ? failure : pausesNoTab(failure)
    }
  }
}

/**
 * The page was rendered for a customer (data-customer-id), yet current.jwt says nobody is signed
 * in. A wrong app client id may look exactly like that (the Current Customer API's docs,
 * bigcommerce/docs `docs/start/authentication/current-customer.mdx`, do not say what it gets), so
 * the page is not made a guest page silently; nor is a token handed out. (The other reading, a
 * session that ended since the page was rendered, is named in the README's error table.) It pauses
 * no tab: a shopper who signs in again at once must not meet it.
 */
export const noSession = (customerId: string) =>
  pausesNoTab(new B2BAuthError('client_id', 'nobody is signed in (current.jwt), yet the page was rendered for customer ' + customerId))
