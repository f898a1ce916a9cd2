const KEY = 'stencil-b2b-auth:debug'

/**
 * `?b2b-auth-debug=1` in the page URL. It counts on its own, not only once the badge chunk has
 * stored it, so the flow's first steps on that page (which run before the badge has loaded) are
 * traced too. A pattern rather than URLSearchParams: the entry (boot.ts) reads it on every page view.
 */
export const debugInUrl = (): boolean => /[?&]b2b-auth-debug=1(&|$)/.test(location.search)

/**
 * Debug mode: remembered for the tab (sessionStorage) once debug(true) is typed, so it survives
 * reloads while debugging, or asked for by the page URL, for that page view alone. The URL wins for
 * its own page view: debug(false) takes effect on the next page without it.
 */
export function debugging(): boolean {
  return debugInUrl() || debugTyped()
}

/**
 * debug(true) was typed in this tab's console (sessionStorage), not only asked for by the URL: the
 * badge's "Copy token" is offered only then, as anyone can send the shopper a link with the flag.
 */
export function debugTyped(): boolean {
  try {
    return sessionStorage.getItem(KEY) === '1'
  } catch {
    return false
  }
}

export function setDebugging(on: boolean): void {
  try {
    if (on) sessionStorage.setItem(KEY, '1')
    else sessionStorage.removeItem(KEY)
  } catch {
    // Storage refused (private browsing): debug mode lasts until the next page.
  }
}

/**
 * In debug mode, one console line for a step of the flow, with the time it took since `since`
 * (a performance.now() value). Callers pass fingerprints, never tokens.
 */
export function trace(step: string, since?: number): void {
  if (debugging()) console.debug(`[b2b-auth] ${step}${since === undefined ? '' : ` (${Math.round(performance.now() - since)} ms)`}`)
}
