import type { CheckedConfig } from './checked-config'
import { B2BAuthError } from '../core/errors'
import { httpError, request } from './http'
import { decodeJwt } from '../core/jwt'
import { isObject, own, parseBare } from '../core/own'

export interface CurrentCustomer {
  /** The JWT text, to be sent on to the B2B API and nowhere else. */
  jwt: string
  customerId: string
  /** The customer's email (claim customer.email), which tells whose a Buyer Portal token is. */
  email: unknown
  storeHash: string | undefined
  /** Storefront clock minus local clock, in ms, from the answer's Date header; 0 when unknown. */
  clockOffset: number
  /**
   * Issued plainly before it arrived (`iat` over MAX_JWT_AGE_MS before the later of the answer's
   * Date and the local clock): a cache may have kept it. Asked again before it is used.
   */
  old: boolean
  /**
   * The JWT's `iat` claim as it came: seconds from a live storefront. Only compared when the
   * second answer is old, which needs a numeric `iat`; against a first without one, it is refused.
   */
  iat: number
}

/** How long before its answer a JWT may have been issued: one the storefront just made is seconds old. */
export const MAX_JWT_AGE_MS = 120_000

const WHAT = 'GET /customer/current.jwt'

/**
 * Asks the storefront who is signed in: the customer's JWT, or null for a guest. Refuses, before
 * anything is sent on, a JWT for another client id or store, or one that has already expired.
 */
export async function fetchCurrentJwt(config: CheckedConfig): Promise<CurrentCustomer | null> {
  // A parameter of its own on every request: a cached JWT may be another customer's, and a theme's
  // service worker answering cache-first never honours `cache: 'no-store'`, but keys by URL.
  const url = `${location.origin}/customer/current.jwt?app_client_id=${encodeURIComponent(config.clientId)}&_=${Math.random().toString(36).slice(2)}`
  // Same origin: the session cookie goes along.
  const answer = await request(url, { credentials: 'same-origin', cache: 'no-store' }, WHAT, config.timeoutMs)
  const body = answer.text.trim()
  const { status } = answer

  if (status === 404) return null
  // The platform answers a missing session with an error body, and the Buyer Portal reads a
  // non-OK answer that carries `errors` as "no customer". Not a 5xx, a 429 or a 408: an outage,
  // a rate limit or a slow network signs nobody out (that would clear every tab's token).
  if (/"errors"/.test(body) && status < 500 && status != 429 && status != 408 && (!answer.ok || body.startsWith('{'))) return null
  if (!answer.ok) {
    throw httpError(WHAT, answer)
  }
  if (body.startsWith('<')) {
    throw new B2BAuthError(
      'html_response',
      `${WHAT} answered with an HTML page, not a JWT: a redirect to a login or maintenance page, or not a BigCommerce storefront`,
      { status: answer.status },
    )
  }

  // The docs say the body is the JWT as text; the hosted-auth doc and checkout-sdk read {"token"}.
  let jwt = body
  if (body.startsWith('{')) {
    try {
      const json = parseBare(body)
      const token = own(json, 'token')
      jwt = typeof token === 'string' ? token : ''
    } catch {
      jwt = ''
    }
  }
  const claims = decodeJwt(jwt)
  const customer = claims?.customer
  const id = isObject(customer) ? customer.id : undefined
  if (!claims || !(typeof id === 'number' || (typeof id === 'string' && /^\d+$/.test(id)))) {
    throw new B2BAuthError('invalid_jwt', `${WHAT} did not answer with a customer JWT`, { status: answer.status })
  }

  const audience = claims.aud
  if (audience !== undefined && !(Array.isArray(audience) ? audience : [audience]).includes(config.clientId)) {
    throw new B2BAuthError(
      'jwt_audience',
      `The storefront issued the JWT for another app client id than "${config.clientId}": set data-client-id to the id of the B2B Edition app installed on this store (see the README)`,
    )
  }
  const storeHash = typeof claims.store_hash === 'string' ? claims.store_hash : undefined
  if (config.storeHash && storeHash !== config.storeHash) {
    throw new B2BAuthError(
      'jwt_store',
      `The JWT is for store "${storeHash}", not data-store-hash "${config.storeHash}": check the store hash in the script tag`,
    )
  }

  const localNow = Date.now()
  const serverNow = Date.parse(answer.headers.get('date') ?? '')
  const now = Number.isNaN(serverNow) ? localNow : serverNow
  if (typeof claims.exp === 'number' && claims.exp * 1000 <= now) {
    throw new B2BAuthError('jwt_expired', `${WHAT} answered with a JWT that had already expired`)
  }
  // The Date header has a one-second resolution: only a larger gap is a skewed clock.
  const offset = now - localNow
  return {
    jwt,
    customerId: String(id),
    email: (customer as { email?: unknown }).email,
    storeHash,
    clockOffset: Math.abs(offset) > 2000 ? offset : 0,
    // By the later of the answer's Date and the local clock: a cache replays the Date it kept with
    // the JWT. A device clock minutes fast costs one more request. Without a numeric iat: not old.
    old: Math.max(now, localNow) - (claims.iat as number) * 1000 > MAX_JWT_AGE_MS,
    iat: claims.iat as number,
  }
}

/**
 * Asks current.jwt once more, a second later, when the first answer is suspect (it names another
 * customer than the page was rendered for, or it is old): a live storefront issues a new JWT (its
 * `iat` has moved on), a cache that ignores the URL's parameters replays the very same text, which
 * is refused. So is a second answer that is old too and no newer than the first (a cache holding
 * several); an old one whose `iat` moved on is a live one read by a device clock that is fast.
 */
export async function askAgain(config: CheckedConfig, first: CurrentCustomer): Promise<CurrentCustomer | null> {
  await new Promise((resolve) => setTimeout(resolve, 1100))
  const again = await fetchCurrentJwt(config)
  const same = again?.jwt === first.jwt
  if (same || (again?.old && !(again.iat > first.iat))) {
    throw new B2BAuthError(
      'invalid_jwt',
      `${WHAT} answered ${same ? 'the same' : 'an old'} JWT twice: a service worker or a cache replays it (leave the path out of it)`,
    )
  }
  return again
}
