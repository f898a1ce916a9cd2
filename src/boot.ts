import { findOwnScript, readScriptConfig } from './config'
import { session } from './instance'
import { debugInUrl } from './debug'
import { report } from './secrets'

/** What `window.b2bAuth` offers classic scripts and the browser console. */
export interface B2BAuthApi {
  getB2BToken: typeof import('./index').getB2BToken
  onB2BTokenChange: typeof import('./index').onB2BTokenChange
  clearB2BToken: typeof import('./index').clearB2BToken
  getB2BStatus: typeof import('./index').getB2BStatus
  configure: typeof import('./index').configure
  isB2BAuthError: typeof import('./index').isB2BAuthError
  b2bGraphQL: typeof import('./index').b2bGraphQL
  signIn: typeof import('./index').signIn
  signOut: typeof import('./index').signOut
  showBadge: typeof import('./index').showBadge
  hideBadge: typeof import('./index').hideBadge
  help: typeof import('./index').help
  status: typeof import('./index').status
  refresh: typeof import('./index').refresh
  clear: typeof import('./index').clear
  debug: typeof import('./index').debug
}

/** A callback a classic script queues before the module has loaded; see `b2bAuthReady`. */
export type B2BAuthReadyCallback = (b2bAuth: B2BAuthApi) => void

declare global {
  interface Window {
    b2bAuth: B2BAuthApi
    /**
     * Classic scripts that may run before the module: queue a callback, called with
     * `window.b2bAuth` once the module has loaded (at once, after that).
     *
     * @example
     * ;(window.b2bAuthReady = window.b2bAuthReady || []).push((b2bAuth) => b2bAuth.getB2BToken())
     */
    b2bAuthReady: B2BAuthReadyCallback[] | { push(...callbacks: B2BAuthReadyCallback[]): void }
  }
}

/**
 * Runs once when the bundle loads: publishes `window.b2bAuth`, reads the script tag and, when
 * there is one, starts getting the token so it is ready when the theme asks. Never throws: a
 * broken tag leaves an error in the status, the console and every getB2BToken() rejection.
 */
export function boot(moduleUrl: string, api: B2BAuthApi): void {
  if (typeof document === 'undefined') return
  window.b2bAuth ??= api
  const script = findOwnScript(document, moduleUrl)
  if (script) {
    session().configure(readScriptConfig(script), true)
    // A failure is in the status, and was reported by the flow: nothing to do here.
    session()
      .getToken()
      .catch(() => {})
  }
  // The same test as debug mode's, so that ?b2b-auth-debug=10 turns on neither.
  if (script?.hasAttribute('data-badge') || debugInUrl()) {
    api.showBadge().catch(report)
  }
  // Callbacks queued before the module loaded run now, and later ones at once: no classic script
  // races the module's load. A callback that throws is the theme's bug, not a reason to stop.
  const queued = window.b2bAuthReady
  if (!Array.isArray(queued) && queued) return
  const ready = (window.b2bAuthReady = {
    push: (...callbacks: B2BAuthReadyCallback[]) =>
      callbacks.forEach((callback) => {
        try {
          callback(window.b2bAuth)
        } catch (error) {
          report(error)
        }
      }),
  })
  ready.push(...(queued ?? []))
}
