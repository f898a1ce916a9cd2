/** How long a cold flow waits for the Buyer Portal to finish its own sign-in, polling. */
export const PORTAL_WAIT_MS = 3_000
const POLL_MS = 200

interface PortalWindow {
  b2b?: { utils?: { user?: { getB2BToken?: () => unknown } } }
}

/**
 * The Buyer Portal's token, when the Portal runs on this page (it exposes
 * `window.b2b.utils.user.getB2BToken()`, facts §4). It has already minted one for this session, so
 * taking it saves a mint, and waiting for it (up to PORTAL_WAIT_MS while it answers '') keeps this
 * module from racing the Portal's own sign-in at start-up. undefined: no Portal, it has no token,
 * or it can only offer the very token being replaced.
 */
export async function portalToken(replacing: string | undefined): Promise<string | undefined> {
  const user = (window as PortalWindow).b2b?.utils?.user
  if (typeof user?.getB2BToken !== 'function') return undefined
  for (let waited = 0; ; waited += POLL_MS) {
    let token: unknown
    try {
      token = await user.getB2BToken()
    } catch {
      return undefined
    }
    if (typeof token === 'string' && token) return token === replacing ? undefined : token
    if (waited >= PORTAL_WAIT_MS) return undefined
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
}
