import { B2BAuthError, type B2BAuthErrorCode, type B2BAuthErrorDetails } from './errors'

/** After a failed flow, page views of every tab wait this long before trying the endpoints again. */
export const COOLDOWN_MS = 30_000
const MAX_COOLDOWN_MS = 5 * 60_000
const KEY = 'stencil-b2b-auth:cooldown'

interface Pause {
  scope: string
  until: number
  code: B2BAuthErrorCode
  message: string
  /** The failure's HTTP status and GraphQL errors, so that every tab rejects with them too. */
  details: Pick<B2BAuthErrorDetails, 'status' | 'errors'>
}

/**
 * A pause shared by the tabs through localStorage (synchronous, and only read on the cold path),
 * so a broken endpoint is not hit again by every page view. Where localStorage is unavailable the
 * pause holds for this page only.
 */
export function createCooldown() {
  let local: Pause | undefined

  const read = (): Pause | undefined => {
    try {
      return JSON.parse(localStorage.getItem(KEY) ?? 'null') ?? undefined
    } catch {
      return local
    }
  }
  const write = (pause: Pause | undefined) => {
    local = pause
    try {
      if (pause) localStorage.setItem(KEY, JSON.stringify(pause))
      else localStorage.removeItem(KEY)
    } catch {
      // Private browsing or a full quota: the page-local copy is all there is.
    }
  }

  return {
    /** The failure that started a pause still running for `scope`, to reject with. */
    check(scope: string, now = Date.now()): B2BAuthError | undefined {
      const pause = read()
      if (pause?.scope !== scope || pause.until <= now) return undefined
      return new B2BAuthError(pause.code, `${pause.message} (not retried for ${Math.ceil((pause.until - now) / 1000)} s)`, pause.details)
    },
    /**
     * Pauses `scope` after a failure: an outage, a rate limit, or a misconfiguration (a JWT for
     * another app or store, a GraphQL error) that every page view would otherwise meet again with
     * two requests. Not after what the shopper's own session explains (current.jwt answering the
     * login page, or an expired JWT): pausing those would hand a shopper who signs in straight
     * away the stale error. Nor after an abort, which says nothing of the endpoints.
     */
    start(scope: string, failure: B2BAuthError, now = Date.now()): void {
      const { code, message, status, errors } = failure
      if (code == 'html_response' || code == 'jwt_expired' || code == 'aborted') return
      const ms = Math.min(Math.max(COOLDOWN_MS, failure.retryAfterMs ?? 0), MAX_COOLDOWN_MS)
      write({ scope, until: now + ms, code, message, details: { status, errors } })
    },
    end(): void {
      if (read()) write(undefined)
    },
  }
}

export type Cooldown = ReturnType<typeof createCooldown>
