const KEY = 'stencil-b2b-auth:debug'

/** Debug mode, remembered for the tab (sessionStorage), so it survives reloads while debugging. */
export function debugging(): boolean {
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
