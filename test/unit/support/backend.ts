import { decodeJwt } from '../../../src/core/jwt'
import { b2bToken, customerJwt } from './jwt'
import { fakeFetch, json, text, tokenAnswer } from './fake-fetch'

export const ENDPOINT = 'http://127.0.0.1:4200/graphql'

/**
 * The storefront and the B2B endpoint at the fetch edge: current.jwt answers for whoever is
 * signed in, the authorization mutation mints a token naming the JWT's customer.
 */
export function fakeBackend() {
  const state: { customer: number | null; mint?: (customerId: number) => Response | Promise<Response> } = { customer: 7 }
  const minted: string[] = []
  const edge = fakeFetch((request) => {
    if (request.url.pathname === '/customer/current.jwt') {
      return state.customer === null ? json({ errors: [{ status: 404, title: 'Not Found' }] }, 404) : text(customerJwt(state.customer))
    }
    if (request.url.href === ENDPOINT) {
      const claims = decodeJwt(request.body.variables.bcToken) as { customer: { id: number } }
      if (state.mint) return state.mint(claims.customer.id)
      const token = b2bToken(claims.customer.id)
      minted.push(token)
      return tokenAnswer(token)
    }
    return undefined
  })
  return {
    state,
    minted,
    sent: edge.sent,
    jwtRequests: () => edge.count('/customer/current.jwt'),
    mints: () => edge.count('/graphql'),
    requests: () => edge.sent.length,
  }
}

/** Whose token it is, read from the fake B2B token's claims. */
export const tokenCustomer = (token: string | null) =>
  token === null ? null : (decodeJwt(token) as { bc_customer_id: number }).bc_customer_id
