// What the simulated Stencil storefront answers on each of its routes (server.ts maps paths to
// these): current.jwt, signing in and out, the pages a test registered, and the module's files.
import { answerCurrentJwt } from './current-jwt'
import { answerLoginToken } from './customer-login'
import { sendDistFile } from './dist-files'
import { type Exchange, send } from './exchange'
import type { PageContext } from './pages'
import { SERVICE_WORKER_JS } from './service-worker'
import { clearedSessionCookie, safeRedirect, sessionCookie } from './sessions'
import type { SimState } from './state'

export type StorefrontHandlers = ReturnType<typeof storefrontHandlers>

export function storefrontHandlers(state: SimState) {
  const { pages, sessions } = state

  function pageContext(ex: Exchange): PageContext {
    const customer = sessions.customerOf(ex.req)
    const channel = Number(ex.url.searchParams.get('channel'))
    const { b2bUrl, storefrontUrl } = state.urls()
    return {
      customerId: customer ? String(customer.id) : '',
      storeHash: state.options.storeHash,
      channelId: Number.isInteger(channel) && channel > 0 ? channel : 1,
      b2bUrl,
      storefrontUrl,
      query: new URLSearchParams(ex.url.searchParams),
    }
  }

  const page = (ex: Exchange) => pages.answer(ex, ex.url.pathname, () => pageContext(ex))

  return {
    currentJwt: (ex: Exchange) => answerCurrentJwt(ex, state),

    loginToken: (ex: Exchange) => answerLoginToken(ex, state),

    /**
     * `/login?customer=<id>&redirect=<path>`: the sim's stand-in for the storefront's sign-in form,
     * so a test (or the demo) signs a customer in with one navigation.
     */
    signInLink(ex: Exchange): void {
      const id = Number(ex.url.searchParams.get('customer'))
      if (!state.findCustomer(id)) {
        send(
          ex,
          400,
          { 'Content-Type': 'text/html; charset=utf-8' },
          '<!doctype html><title>Sign in failed</title><p>No such customer in the simulated store.</p>',
        )
        return
      }
      const value = sessions.signIn(id)
      state.ledger.session({ kind: 'in', customerId: id, session: value, via: '/login' })
      send(ex, 302, {
        Location: safeRedirect(ex.url.searchParams.get('redirect')),
        'Set-Cookie': sessionCookie(value),
        'Cache-Control': 'no-store',
      })
    },

    /**
     * `/login.php?action=logout`: Stencil's own sign-out link (Cornerstone's `{{urls.auth.logout}}`).
     * A fault here leaves the session signed in.
     */
    signOutLink(ex: Exchange): void {
      state.ledger.session({ kind: 'out', session: sessions.signOutRequest(ex.req), via: '/login.php' })
      send(ex, 302, { Location: '/', 'Set-Cookie': clearedSessionCookie, 'Cache-Control': 'no-store' })
    },

    /** `/logout?redirect=<path>`: the sim's own sign-out, which can send the shopper anywhere on the store. */
    logout(ex: Exchange): void {
      state.ledger.session({ kind: 'out', session: sessions.signOutRequest(ex.req), via: '/logout' })
      send(ex, 302, {
        Location: safeRedirect(ex.url.searchParams.get('redirect')),
        'Set-Cookie': clearedSessionCookie,
        'Cache-Control': 'no-store',
      })
    },

    /** So a browser's automatic favicon request is not a 404 in the log. */
    favicon(ex: Exchange): void {
      send(ex, 204, {})
    },

    /** The cache-first service worker (service-worker.ts); registered by a page, it never is by itself. */
    serviceWorker(ex: Exchange): void {
      send(
        ex,
        200,
        { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store', 'Service-Worker-Allowed': '/' },
        SERVICE_WORKER_JS,
      )
    },

    page,

    /**
     * A file of the module's dist/ under `prefix`. A page registered at the same path outranks the
     * folder: a theme's own files (its webpack bundle, say) sit in assets/dist beside the module's.
     */
    distFile(ex: Exchange, prefix: string): Promise<void> | void {
      if (pages.has(ex.url.pathname)) return page(ex)
      return sendDistFile(ex, state.options.distDir, prefix, state.options.distCacheControl)
    },

    methodNotAllowed(ex: Exchange): void {
      send(ex, 405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }, 'Method Not Allowed')
    },
  }
}
