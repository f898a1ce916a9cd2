import type { B2BAuthApi } from '../api'
import { debugging, setDebugging } from '../core/debug'

const HELP = `stencil-b2b-auth: window.b2bAuth
  getB2BToken({ forceRefresh?, signal? })  the shopper's B2B token, or null for a guest
  getB2BStatus()        a snapshot: state, customer, channel, expiry, storage, last error
  onB2BTokenChange(fn)  fn(status) on every change; returns the unsubscribe function
  clearB2BToken()       forget the token in every tab
  b2bGraphQL(query, variables?)  a B2B GraphQL request with the token; returns data
  configure({...})      settings over the script tag's data-* attributes
  isB2BAuthError(e)     true for this module's errors (e.code, e.message)
  signIn({ email, password }) / signOut({ storefront? })  a theme's own B2B sign-in form
Console:
  help()                this text
  status()              the status as a table
  refresh()             mint a new token now (prints the status, never the token)
  clear()               clearB2BToken()
  showBadge() / hideBadge()  the status badge on this page
  debug(true | false)   log each step, with timings, for this tab
Tokens are never printed: a fingerprint (hash/length) stands in for them.
Something wrong? docs/troubleshooting.md of the stencil-b2b-auth package, by what you see.`

/** help(): what the console API offers. */
export function help(): void {
  console.info(HELP)
}

/** status(): the snapshot as a table, times readable. */
export function status(api: B2BAuthApi): void {
  const { error, ...rest } = api.getB2BStatus()
  const snapshot: Record<string, unknown> = { ...rest }
  for (const key of ['obtainedAt', 'expiresAt']) {
    const time = snapshot[key]
    if (typeof time === 'number') snapshot[key] = new Date(time).toLocaleString()
  }
  snapshot.error = error ? `${error.code}: ${error.message}` : 'none'
  console.table(snapshot)
}

/** refresh(): a new token now; resolves the status, so the console never echoes the token. */
export async function refresh(api: B2BAuthApi) {
  await api.getB2BToken({ forceRefresh: true })
  return api.getB2BStatus()
}

/** debug(on): log each step of the flow for this tab (remembered across reloads), or stop. */
export function debug(_api: B2BAuthApi, on = true): void {
  setDebugging(on)
  // Said, so that lines still coming on this page do not look like debug(false) failed.
  console.info(`[b2b-auth] debug ${on ? 'on for this tab' : debugging() ? 'off from the next page: this URL has b2b-auth-debug=1' : 'off'}`)
}
