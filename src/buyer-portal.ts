/** How long a cold flow waits for the Buyer Portal to finish its own sign-in, polling. */
export const PORTAL_WAIT_MS = 3_000
const POLL_MS = 200

interface PortalWindow {
  b2b?: { utils?: { user?: { getB2BToken?: () => unknown } } }
  B3?: { setting?: unknown }
}

/**
 * The Buyer Portal's token, when the Portal runs on this page (it exposes
 * `window.b2b.utils.user.getB2BToken()`, facts §4). It has already minted one for this session, so
 * taking it saves a mint, and waiting for it (up to PORTAL_WAIT_MS) keeps this module from racing
 * the Portal's own sign-in at start-up. The Portal's inline install script sets
 * `window.B3 = { setting: … }` at once, but `window.b2b.utils` only once its bundle has loaded (in
 * a React effect), so either one means: wait while getB2BToken is missing or answers ''.
 * undefined: no Portal, it has no token, or it can only offer the very token being replaced.
 */
export async function portalToken(replacing: string | undefined): Promise<string | undefined> {
  const portal = window as PortalWindow
  if (!portal.B3?.setting && !portal.b2b?.utils) return undefined
  for (let waited = 0; ; waited += POLL_MS) {
    let token: unknown
    try {
      token = await portal.b2b?.utils?.user?.getB2BToken?.()
    } catch {
      return undefined
    }
    if (typeof token === 'string' && token) return token === replacing ? undefined : token
    if (waited >= PORTAL_WAIT_MS) return undefined
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
}
