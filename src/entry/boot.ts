import { scriptConfig } from '../core/config'
import { session } from './instance'
import { debugInUrl } from '../core/debug'
import { report } from '../core/secrets'
import { unsaid } from './chunks'
import type { B2BAuthApi, B2BAuthReadyCallback } from '../api'

/**
 * Runs once when the bundle loads: publishes `window.b2bAuth`, reads the script tag and, when
 * there is one, starts getting the token so it is ready when the theme asks. Never throws: a
 * broken tag leaves an error in the status, the console and every getB2BToken() rejection; a
 * page whose globals are in the way (an element with id="b2bAuth", a getter) keeps the exports.
 */
export function boot(moduleUrl: string, api: B2BAuthApi): void {
  if (typeof document === 'undefined') return
  // What the page holds under our two names. A getter of the page's may throw; an element with
  // id="b2bAuth" is what window.b2bAuth gives while nothing else is set.
  let current: Partial<B2BAuthApi> | undefined
  let queued: unknown
  try {
    current = window.b2bAuth
    queued = window.b2bAuthReady
  } catch {}
  // Another copy's API, if one is there already: both drive the page's one engine.
  const live = typeof current?.getB2BToken == 'function' ? (current as B2BAuthApi) : define('b2bAuth', api)
  const input = scriptConfig(document, moduleUrl)
  if (input) {
    session().setConfig(input, true)
    // A failure is in the status, and was reported by the flow: nothing to do here.
    session()
      .getToken()
      .catch(() => {})
  }
  // The same test as debug mode's, so that ?b2b-auth-debug=10 turns on neither.
  if ((input && 'badge' in input) || debugInUrl()) {
    api.showBadge().catch(unsaid)
  }
  // Callbacks queued before the module loaded run now, and later ones at once: no classic script
  // races the module's load. A callback that throws is the theme's bug, not a reason to stop. The
  // queue is an array too, so that a copy of the bundle loading second finds it empty.
  const run = (callback: unknown) => {
    try {
      ;(callback as B2BAuthReadyCallback)(live)
    } catch (error) {
      report(error)
    }
  }
  define('b2bAuthReady', Object.assign([], { push: (...callbacks: unknown[]) => void callbacks.forEach(run) }))
  if (Array.isArray(queued)) queued.forEach(run)
  else if (queued != null) report('b2bAuthReady is not an array')
}

/**
 * Sets window[name] as an own property, which also hides an element of that id. One the page made
 * unwritable is reported, never thrown: the module's named exports work all the same.
 */
function define<T>(name: string, value: T): T {
  try {
    Object.defineProperty(window, name, { value, writable: true, configurable: true })
  } catch {
    report(`window.${name} is taken`)
  }
  return value
}
