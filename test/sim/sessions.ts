// Storefront sessions: which customer a SHOP_SESSION_TOKEN cookie belongs to. The cookie is all
// that identifies the shopper to current.jwt, as on a real storefront, so signing in and out is
// adding and removing an entry here.
import { randomBytes } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { SESSION_COOKIE, type SimCustomer } from './fixtures'

/** Set on sign-in. HttpOnly: the page's scripts never see it, only the browser sends it. */
export const sessionCookie = (value: string) => `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax`
export const clearedSessionCookie = `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`

/**
 * Where a sign-in or sign-out may send the shopper: a path on this storefront, else '/'. Never
 * another origin (`//host`, or `/\host`, which browsers read as one).
 */
export function safeRedirect(target: string | null): string {
  return target && target.startsWith('/') && !target.startsWith('//') && !target.includes('\\') ? target : '/'
}

function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>()
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    const name = part.slice(0, eq).trim()
    if (name && !cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim())
  }
  return cookies
}

export class Sessions {
  /** Cookie value -> customer id. */
  private readonly sessions = new Map<string, number>()

  constructor(private readonly findCustomer: (id: number) => SimCustomer | undefined) {}

  /** Starts a session; returns the cookie's value. */
  signIn(customerId: number): string {
    if (!this.findCustomer(customerId)) throw new Error(`No customer ${customerId} in the simulated store`)
    const value = randomBytes(16).toString('hex')
    this.sessions.set(value, customerId)
    return value
  }

  /** Ends one session, or all of them. */
  signOut(sessionValue?: string): void {
    if (sessionValue === undefined) this.sessions.clear()
    else this.sessions.delete(sessionValue)
  }

  /** Ends the session the request's cookie names, if any; returns the cookie's value. */
  signOutRequest(req: IncomingMessage): string | undefined {
    const value = this.valueOf(req)
    if (value !== undefined) this.sessions.delete(value)
    return value
  }

  /** The request's session cookie value, signed in or not. */
  valueOf(req: IncomingMessage): string | undefined {
    return parseCookies(req.headers.cookie).get(SESSION_COOKIE)
  }

  /** The signed-in customer of the request's cookie; undefined for a guest. */
  customerOf(req: IncomingMessage): SimCustomer | undefined {
    const value = parseCookies(req.headers.cookie).get(SESSION_COOKIE)
    const id = value === undefined ? undefined : this.sessions.get(value)
    return id === undefined ? undefined : this.findCustomer(id)
  }
}
