import { postGraphQL } from './graphql'
import type { Settings } from './settings'

// The Buyer Portal's documented interface on a page (facts §7; bigcommerce/b2b-buyer-portal
// `apps/storefront/src/components/HeadlessController/index.tsx`, bigcommerce/docs
// `docs/b2b-edition/authentication/headless-auth.mdx`). It exists only once the Portal has mounted,
// which it does on requestIdleCallback (`main.ts`): nothing here ever waits for it.
interface PortalUser {
  getB2BToken?: () => unknown
  loginWithB2BStorefrontToken?: (token: string) => unknown
  logout?: () => unknown
}
interface PortalWindow {
  b2b?: {
    utils?: { user?: PortalUser }
    callbacks?: { addEventListener?: (event: string, callback: () => void) => void }
  }
  B3?: { setting?: unknown }
}

const portal = () => window as PortalWindow

/** Asks the B2B API whose a token is; validated against the B2B schema in a test. */
export const WHOSE_TOKEN_QUERY = 'query B2BWhoseToken{customerInfo{userInfo{email}}}'

/**
 * The Portal's token, only if it already holds one and the B2B API says it is this customer's. Its
 * `getB2BToken()` is synchronous and answers '' while it has none; taking it costs current.jwt
 * plus one customerInfo query, as much as minting, so a Portal still starting is never waited for.
 * At start-up the Portal offers the token in its sessionStorage before it has compared its JWT
 * with a fresh one (facts §4), so after a customer switch in the tab it may still be the previous
 * customer's: the email in the customer's JWT must match. Never the very token being replaced.
 */
export async function portalTokenFor(cfg: Settings, email: unknown, replacing: string | undefined): Promise<string | undefined> {
  let token: unknown
  try {
    token = portal().b2b?.utils?.user?.getB2BToken?.()
  } catch {
    return undefined
  }
  if (typeof token !== 'string' || !token || token === replacing || typeof email !== 'string' || !email) return undefined
  try {
    const data = await postGraphQL(cfg, WHOSE_TOKEN_QUERY, {}, { token, retry: false })
    const info = data.customerInfo as { userInfo?: { email?: unknown } } | null
    const owner = info?.userInfo?.email
    return typeof owner === 'string' && owner.toLowerCase() === email.toLowerCase() ? token : undefined
  } catch {
    return undefined
  }
}

/**
 * Tells a Portal on the page of a sign-in (its `loginWithB2BStorefrontToken`, meant for headless
 * sign-ins) or a sign-out (its `logout`, which clears its sessionStorage and fires `on-logout`).
 * The Portal's own failures are its own: they never fail this module's call.
 */
export function tellPortal(token?: string): void {
  try {
    const user = portal().b2b?.utils?.user
    void Promise.resolve(token ? user?.loginWithB2BStorefrontToken?.(token) : user?.logout?.()).catch(() => {})
  } catch {
    // A Portal that throws is left alone.
  }
}

let following: unknown
let waiting = false

/**
 * Follows the Portal's own sign-out (its `on-logout` callback, fired by its logout button and
 * `utils.user.logout()`): it ends the session the token belongs to, and the Portal revokes its
 * token (`utils/performStorefrontLogout.ts`). The Portal's callbacks exist once it has mounted; a
 * page with its install script (`window.B3`) is looked at again every second for 30 s, never
 * holding anything up.
 */
export function followPortal(onLogout: () => unknown, tries = 30): void {
  const callbacks = portal().b2b?.callbacks
  if (callbacks?.addEventListener) {
    if (following === callbacks) return
    following = callbacks
    callbacks.addEventListener('on-logout', () => void onLogout())
  } else if (portal().B3?.setting && tries > 0 && !waiting) {
    waiting = true
    setTimeout(() => {
      waiting = false
      followPortal(onLogout, tries - 1)
    }, 1000)
  }
}
