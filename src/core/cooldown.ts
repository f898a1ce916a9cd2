import { B2BAuthError, type B2BAuthErrorCode, type B2BAuthErrorDetails } from './errors'
import { isObject, ownCopy, parseBare } from './own'

// The pause: shared by the tabs through localStorage (synchronous, and only read on the cold
// path), so a broken endpoint is not hit again by every page view. Where localStorage is
// unavailable (private browsing in some browsers, a full quota) it holds for this page only, kept
// on `page` (the engine, which the flow and sign-in chunks share, so that a sign-in ends it). Any
// script of the origin can write the entry, and the clock can move: what is read is trusted only
// as far as a real pause could go. Four functions rather than an object, so that a chunk carries
// only those it calls (the sign-in chunk: endPause).

/** After a failed flow, page views of every tab wait this long before trying the endpoints again. */
export const COOLDOWN_MS = 30_000
/** The longest pause, however it was written: by a Retry-After, a clock that was off, or a planted entry. */
export const MAX_COOLDOWN_MS = 5 * 60_000
const KEY = 'stencil-b2b-auth:cooldown'

interface Pause {
  scope: string
  /**
   * The customer whose failure it was: the JWT's, else the page's data-customer-id, else '' (the
   * storefront had not said who). Its message can name their email or company, so it is theirs.
   */
  customer: string
  /** When it started, local clock. */
  at: number
  until: number
  code: B2BAuthErrorCode
  message: string
  /** The failure's HTTP status and GraphQL errors, so that every tab rejects with them too. */
  details: Pick<B2BAuthErrorDetails, 'status' | 'errors'>
}

/** Failures marked where they are made as pausing no tab (see pauses()), never by their text. */
const unpausing = new WeakSet<object>()

/**
 * Marks `failure` as one that pauses no tab, and returns it: a pause read back (its end stays
 * where it was), or nobody signed in on a page rendered for a customer (flow/client-id.ts).
 */
export function pausesNoTab<E extends object>(failure: E): E {
  unpausing.add(failure)
  return failure
}

/**
 * The one rule of which failures pause every tab: an outage, a rate limit, or a misconfiguration
 * (a JWT for another app or store, a GraphQL error) that every page view would otherwise meet
 * again with two requests. Not what the shopper's own session explains (current.jwt answering the
 * login page, an expired JWT, nobody signed in): pausing those would hand a shopper who signs in
 * straight away the stale error. Nor an abort, which says nothing of the endpoints, nor a failure
 * marked by pausesNoTab().
 */
export const pauses = (failure: B2BAuthError): boolean =>
  !unpausing.has(failure) && failure.code != 'html_response' && failure.code != 'jwt_expired' && failure.code != 'aborted'

/** Where the pause is kept for a page without localStorage: the engine (see checkPause). */
type PausePage = { paused?: unknown }

// The page's copy, [pause], exists only once localStorage refused a write (private browsing in
// some browsers throws on every access, older Safari's only on setItem; a full quota): from then
// on it is the one read, while storage reads may still answer with older entries.
const read = (page: PausePage): Pause | undefined => {
  const mine = page.paused as [Pause?] | undefined
  if (mine) return mine[0]
  try {
    // Parsed bare: a field the entry lacks is not read from a polluted Object.prototype.
    const pause = parseBare(localStorage.getItem(KEY) ?? 'null')
    return isObject(pause) ? (pause as unknown as Pause) : undefined
  } catch {
    return undefined
  }
}
const write = (page: PausePage, pause: Pause | undefined) => {
  try {
    if (pause) localStorage.setItem(KEY, JSON.stringify(pause))
    else localStorage.removeItem(KEY)
    page.paused = undefined
  } catch {
    page.paused = [pause]
  }
}

/**
 * The failure that started a pause still running for this customer of `scope`, to reject with.
 * Never another customer's. A pause that started in the future (the clock was fast, or the entry
 * is planted) counts for nothing, and none lasts past MAX_COOLDOWN_MS from its start.
 */
export function checkPause(page: PausePage, scope: string, customer: string, now = Date.now()): B2BAuthError | undefined {
  const pause = read(page)
  if (!pause) return undefined
  const { scope: s, customer: c, at, until, code, message, details } = pause as Partial<Pause>
  if (
    s !== scope ||
    c !== customer ||
    typeof at != 'number' ||
    typeof until != 'number' ||
    typeof code != 'string' ||
    typeof message != 'string'
  )
    return undefined
  const end = Math.min(until, at + MAX_COOLDOWN_MS)
  if (at > now || end <= now) return undefined
  return pausesNoTab(new B2BAuthError(code, `${message} (not retried for ${Math.ceil((end - now) / 1000)} s)`, ownCopy(details ?? {})))
}

/** Pauses `scope` for `customer` after `failure`, if it is one that pauses (pauses()). */
export function startPause(page: PausePage, scope: string, customer: string, failure: B2BAuthError, now = Date.now()): void {
  if (!pauses(failure)) return
  const { code, message, status, errors } = failure
  const ms = Math.min(Math.max(COOLDOWN_MS, failure.retryAfterMs ?? 0), MAX_COOLDOWN_MS)
  write(page, { scope, customer, at: now, until: now + ms, code, message, details: { status, errors } })
}

/** Ends the pause: the flow worked, a shopper signed in, or the session is someone else's. */
export function endPause(page: PausePage): void {
  if (read(page)) write(page, undefined)
}

/** current.jwt named `customer`: a pause of anyone else's is over. */
export function endPauseUnless(page: PausePage, customer: string): void {
  const pause = read(page)
  if (pause && pause.customer !== customer) write(page, undefined)
}
