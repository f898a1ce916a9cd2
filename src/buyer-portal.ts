import { postGraphQL } from './graphql'
import type { Settings } from './settings'

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
  const deadline = Date.now() + PORTAL_WAIT_MS
  for (;;) {
    let token: unknown
    try {
      // The Portal's own promise gets no longer than the wait: this runs under the tabs' lock.
      token = await Promise.race([portal.b2b?.utils?.user?.getB2BToken?.(), sleep(deadline - Date.now())])
    } catch {
      return undefined
    }
    if (typeof token === 'string' && token) return token === replacing ? undefined : token
    if (Date.now() >= deadline) return undefined
    await sleep(POLL_MS)
  }
}

/** Asks the B2B API whose a token is; validated against the B2B schema in a test. */
export const WHOSE_TOKEN_QUERY = 'query B2BWhoseToken{customerInfo{userInfo{email}}}'

/**
 * The Portal's token, only if it is this customer's. At start-up the Portal offers the token in its
 * sessionStorage before it has compared its JWT with a fresh one, so after a customer switch in
 * the tab it may still be the previous customer's: the B2B API says whose it is, by email (the
 * customer JWT's claim), and an expired or foreign token is not taken. One query, not a mint.
 */
export async function portalTokenFor(cfg: Settings, email: unknown, replacing: string | undefined): Promise<string | undefined> {
  const token = typeof email === 'string' && email ? await portalToken(replacing) : undefined
  if (!token) return undefined
  try {
    const data = await postGraphQL(cfg, WHOSE_TOKEN_QUERY, {}, { token, retry: false })
    const info = data.customerInfo as { userInfo?: { email?: unknown } } | null
    const owner = info?.userInfo?.email
    return typeof owner === 'string' && owner.toLowerCase() === (email as string).toLowerCase() ? token : undefined
  } catch {
    return undefined
  }
}

const sleep = (ms: number) => new Promise<undefined>((resolve) => setTimeout(resolve, ms))
