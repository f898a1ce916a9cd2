// The Buyer Portal's documented interface on a page (bigcommerce/b2b-buyer-portal
// `apps/storefront/src/components/HeadlessController/index.tsx`, bigcommerce/docs
// `docs/b2b-edition/authentication/headless-auth.mdx`). It exists only once the Portal has mounted,
// which it does on requestIdleCallback (`main.ts`): nothing here ever waits for it.
interface PortalUser {
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

// The Portal's token is not taken in place of a mint (as it once was). The Portal signs
// in on requestIdleCallback, after this module's cold flow has begun, so holding a token at that
// moment means it kept one in sessionStorage from an earlier page of the tab, offered before its
// own check of the session (b2b-buyer-portal `App.tsx`,
// `utils/b2bVerifyBcLoginStatus.ts`): after a customer switch, the previous customer's. Taking
// it safely needs current.jwt plus a customerInfo query, as many requests as minting, to save at
// most one mutation; and a Portal still starting is never waited for. So: mint at once, always.

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

let looking = false

/**
 * Follows the Portal's own sign-out (its `on-logout` callback, fired by its logout button and
 * `utils.user.logout()`): it ends the session the token belongs to, and the Portal revokes its
 * token (`utils/performStorefrontLogout.ts`). The Portal's callbacks exist once it has mounted; a
 * page with its install script (`window.B3`) is looked at again every second for 30 s, never
 * holding anything up.
 */
export function followPortal(onLogout: () => unknown): void {
  if (looking) return
  looking = true
  const look = (tries: number): unknown => {
    const callbacks = portal().b2b?.callbacks
    return callbacks?.addEventListener
      ? callbacks.addEventListener('on-logout', () => void onLogout())
      : portal().B3 && tries && setTimeout(look, 1000, tries - 1)
  }
  look(30)
}
