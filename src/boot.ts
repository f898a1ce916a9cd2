import { findOwnScript, readScriptConfig } from './config'
import { session } from './instance'

/** What `window.b2bAuth` offers classic scripts and the browser console. */
export interface B2BAuthApi {
  getB2BToken: typeof import('./index').getB2BToken
  onB2BTokenChange: typeof import('./index').onB2BTokenChange
  clearB2BToken: typeof import('./index').clearB2BToken
  getB2BStatus: typeof import('./index').getB2BStatus
  configure: typeof import('./index').configure
  isB2BAuthError: typeof import('./index').isB2BAuthError
}

declare global {
  interface Window {
    b2bAuth: B2BAuthApi
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
  if (!script) return
  try {
    session().configure(readScriptConfig(script), true)
  } catch (error) {
    console.error('[b2b-auth]', (error as Error).message)
    return
  }
  session()
    .getToken()
    .catch(() => {})
}
