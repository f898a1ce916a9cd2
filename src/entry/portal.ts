interface PortalWindow {
  b2b?: { callbacks?: { addEventListener(event: string, callback: () => void): void } }
  B3?: unknown
}

/**
 * Calls `onLogout` on the Buyer Portal's `on-logout` (fired by its logout button, after its
 * storefront `logout`, and by `window.b2b.utils.user.logout()`: b2b-buyer-portal
 * `apps/storefront/src/utils/b3CallbackManager.ts`, `HeadlessController/index.tsx`,
 * `pages/Login/useLogout.tsx`), on every page, warm ones included. The Portal's callbacks exist
 * only once it has mounted (after its storeBasicInfo answer, on requestIdleCallback: `main.ts`,
 * `components/B3StoreContainer.tsx`), so a page with its install script (`window.B3`) looks again
 * every 250 ms for 30 s, holding nothing up; a page without it never looks. An on-logout in the
 * first 250 ms after the Portal mounted is missed (the page then learns of it from the next view).
 */
export function followPortal(onLogout: () => void, tries = 120): void {
  const callbacks = (window as PortalWindow).b2b?.callbacks
  if (callbacks) callbacks.addEventListener('on-logout', onLogout)
  else if ((window as PortalWindow).B3 && tries) setTimeout(followPortal, 250, onLogout, tries - 1)
}
