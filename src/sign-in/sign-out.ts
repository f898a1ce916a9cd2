import type { B2BSignOutOptions, Engine } from '../core/contract'
import { B2BAuthError } from '../core/errors'
import { own } from '../core/own'
import { tellPortal } from '../net/buyer-portal'
import { httpError, request } from '../net/http'
import { checkConfig, DEFAULT_TIMEOUT_MS } from '../net/checked-config'
import { clear, markStale, settle } from '../core/state'

/**
 * signOut(): forgets the token in every tab, and with `{ storefront: true }` signs the storefront
 * session out too (Stencil's /login.php?action=logout), so a theme's own sign-out leaves nothing.
 * The storefront goes first: cleared first, another tab's flow could mint again from the session
 * still signed in. A failed sign-out of the storefront still clears, then rejects.
 */
export async function signOut(engine: Engine, options?: B2BSignOutOptions): Promise<void> {
  const storefront = !!own(options, 'storefront')
  const failure = storefront ? await storefrontSignOut(engine) : undefined
  await clear(engine)
  if (!storefront) return
  // The Portal holds this session's token too (it may be the very one this module took).
  tellPortal()
  if (failure) throw failure
  // signIn() on a page rendered for a guest marked its data-customer-id="" stale; signed out, the
  // page is a guest page again. Left stale, every getB2BToken() would ask current.jwt anew. On a
  // page rendered for a customer, the id now names a session that has ended: current.jwt decides.
  markStale(engine, !!engine.readConfig().customerId)
  settle(engine, 'guest')
}

async function storefrontSignOut(engine: Engine): Promise<B2BAuthError | undefined> {
  const what = 'The storefront sign-out (/login.php?action=logout)'
  let timeoutMs = DEFAULT_TIMEOUT_MS
  try {
    timeoutMs = checkConfig(engine.readConfig()).timeoutMs
  } catch {
    // A bad setting must not keep the shopper signed in: the default deadline will do.
  }
  try {
    // No retry: the shopper is waiting on a sign-out button.
    const url = `${location.origin}/login.php?action=logout`
    const answer = await request(url, { credentials: 'same-origin', redirect: 'manual', cache: 'no-store' }, what, timeoutMs, 0)
    // Stencil answers with a redirect, opaque here (status 0); anything else did not sign out.
    if (answer.status === 0 || answer.ok) return undefined
    throw httpError(what, answer)
  } catch (error) {
    const { code, message, status } = error as B2BAuthError
    const details = status === undefined ? { cause: error } : { cause: error, status }
    return new B2BAuthError(
      code === 'http' ? code : 'network',
      `${message}: the storefront session may still be signed in; the B2B token was cleared`,
      details,
    )
  }
}
