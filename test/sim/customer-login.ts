// BigCommerce's Customer Login endpoint, `/login/token/<jwt>` (bigcommerce/docs
// `docs/start/authentication/customer-login.mdx`): where the storefrontLoginToken of the B2B
// `login` mutation signs the storefront session in.
import { type Exchange, send } from './exchange'
import { verifyHs256 } from './jwt'
import { safeRedirect, sessionCookie } from './sessions'
import type { SimState } from './state'

export function answerLoginToken(ex: Exchange, state: SimState): void {
  const { options } = state
  // As documented: a JWT signed with the app's client secret, single use, its iat accepted for
  // 30 s; a bad one is redirected to /login.php, never a 4xx.
  const jwt = decodeURIComponent(ex.url.pathname.slice('/login/token/'.length))
  const claims = verifyHs256(jwt, options.clientSecrets[options.installedClientId] ?? '')
  const customer = claims && state.findCustomer(Number(claims.customer_id))
  const age = typeof claims?.iat === 'number' ? state.clock.nowSec() - claims.iat : Infinity
  const jti = String(claims?.jti ?? '')
  if (!claims || !customer || !(age >= 0 && age <= 30) || state.usedLoginTokens.has(jti) || claims.store_hash !== options.storeHash) {
    send(ex, 302, { Location: '/login.php', 'Cache-Control': 'no-store' })
    return
  }
  state.usedLoginTokens.add(jti)
  const value = state.sessions.signIn(customer.id)
  state.ledger.session({ kind: 'in', customerId: customer.id, session: value, via: '/login/token/', loginJti: jti })
  send(ex, 302, {
    Location: safeRedirect(typeof claims.redirect_to === 'string' ? claims.redirect_to : '/'),
    'Set-Cookie': sessionCookie(value),
    'Cache-Control': 'no-store',
  })
}
