// The Buyer Portal's documented interface on a page (bigcommerce/b2b-buyer-portal
// `apps/storefront/src/HeadlessController/index.tsx`, bigcommerce/docs
// `docs/b2b-edition/authentication/headless-auth.mdx`). It exists only once the Portal has mounted,
// which it does on requestIdleCallback (`main.ts`) and only after its storeBasicInfo answer says B2B
// is on for the channel (`components/B3StoreContainer.tsx`): nothing here ever waits for it. Its
// `on-logout` is followed by the entry, warm pages included (entry/portal.ts).
interface PortalUser {
  loginWithB2BStorefrontToken?: (token: string) => unknown
  logout?: () => unknown
}

// The Portal's token is not taken in place of a mint (as it once was). The Portal signs
// in on requestIdleCallback, after this module's cold flow has begun, so holding a token at that
// moment means it kept one in sessionStorage from an earlier page of the tab, offered before its
// own check of the session (b2b-buyer-portal `App.tsx`,
// `utils/b2bVerifyBcLoginStatus.ts`): after a customer switch, the previous customer's. Taking
// it safely needs current.jwt plus a customerInfo query, as many requests as minting, to save at
// most one mutation; and a Portal still starting is never waited for. So: mint at once, always.

/**
 * Tells a Portal on the page of a sign-in (its `loginWithB2BStorefrontToken`, meant for headless
 * sign-ins, which keeps the token only if the storefront session is that customer's) or a
 * sign-out (its `logout`, which clears its state and sessionStorage and fires `on-logout`, but
 * does not sign the storefront out: signOut() has done that first).
 * The Portal's own failures are its own: they never fail this module's call.
 */
export function tellPortal(token?: string): void {
  try {
    const user = (window as { b2b?: { utils?: { user?: PortalUser } } }).b2b?.utils?.user
    void Promise.resolve(token ? user?.loginWithB2BStorefrontToken?.(token) : user?.logout?.()).catch(() => {})
  } catch {
    // A Portal that throws is left alone.
  }
}
