// BigCommerce's Current Customer API, `GET /customer/current.jwt?app_client_id=<id>`
// (bigcommerce/docs `docs/start/authentication/current-customer.mdx`): the signed-in customer as a
// JWT signed HS256 with the app's client secret, which the B2B endpoint's authorization verifies.
import { type Exchange, send, sendJson } from './exchange'
import { signHs256 } from './jwt'
import type { SimState } from './state'

export function answerCurrentJwt(ex: Exchange, state: SimState): void {
  const { options } = state
  // Deliberately cacheable (Assumption A19): a client that lets the HTTP cache answer current.jwt
  // would hand one customer's JWT (or a guest's 404) to the next session; the sim counts requests.
  // `currentJwtCacheable: false` answers no-store instead, for the real Buyer Portal, whose plain
  // fetch() of it would otherwise read a guest's 404 after a sign-in (buyer-portal.ts).
  const cacheHeaders = { 'Cache-Control': options.currentJwtCacheable ? 'private, max-age=300' : 'no-store' }
  const clientId = ex.url.searchParams.get('app_client_id') ?? ''
  const secret = Object.hasOwn(options.clientSecrets, clientId) ? options.clientSecrets[clientId] : undefined
  if (secret === undefined) {
    // Assumption A1: like a guest (404 with an error body), which a client must survive anyway.
    sendJson(
      ex,
      404,
      { errors: [{ status: 404, title: 'Application not found', detail: 'No app with this app_client_id is installed on the store' }] },
      cacheHeaders,
    )
    return
  }
  const customer = state.sessions.customerOf(ex.req)
  if (!customer) {
    // Documented: a guest gets 404 with an error message body (the exact body is not).
    sendJson(ex, 404, { errors: [{ status: 404, title: 'Customer not found', detail: 'No customer is signed in' }] }, cacheHeaders)
    return
  }
  // The claims as documented (bigcommerce/docs `reference/current_customer.yml`).
  const iat = state.clock.nowSec()
  const jwt = signHs256(
    {
      customer: { id: customer.id, email: customer.email, group_id: customer.groupId ?? '0' },
      iss: 'bc/apps',
      sub: options.storeHash,
      iat,
      exp: iat + options.jwtLifetimeSec,
      version: 1,
      aud: clientId,
      application_id: clientId,
      store_hash: options.storeHash,
      operation: 'current_customer',
    },
    secret,
  )
  state.issuedJwts.push(jwt)
  state.ledger.jwtIssued(jwt, customer.id, state.sessions.valueOf(ex.req))
  if (options.currentJwtBody === 'json') sendJson(ex, 200, { token: jwt }, cacheHeaders)
  else send(ex, 200, { 'Content-Type': 'text/plain; charset=utf-8', ...cacheHeaders }, jwt)
}
