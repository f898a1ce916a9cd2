// What the sim issued and why, in one order: every current.jwt (whose session, which customer),
// every B2B token (from which JWT, or from which sign-in), and every change of a browser's
// storefront session. The ground truth a test checks the module's answers against: who a token
// belongs to, and whether the session that named that customer had ended before the token was
// minted. `seq` is one counter for all of them (and for a test's own marks), so events compare.

import type { SimRequest } from './exchange'

export interface LedgerJwt {
  customerId: number
  /** The SHOP_SESSION_TOKEN value the request carried. */
  session: string | undefined
  seq: number
}

export interface LedgerToken {
  customerId: number
  seq: number
  /** The current.jwt the authorization mutation was given; for a token of the login mutation, undefined. */
  jwt: string | undefined
  /** The jti of the storefrontLoginToken issued with a token of the login mutation. */
  loginJti: string | undefined
  /** The mutation's request: its `undelivered` says the client had gone when the answer was sent. */
  request: SimRequest | undefined
}

export interface LedgerSessionEvent {
  seq: number
  /** 'in': the browser was given a session cookie; 'out': its session was signed out. */
  kind: 'in' | 'out'
  /** For 'in', the customer signed in. */
  customerId: number | undefined
  /** The cookie value set ('in') or ended ('out', undefined when the request had none). */
  session: string | undefined
  /** What did it: '/login', '/logout', '/login.php', '/login/token/', 'sim.signIn', 'sim.signOut'. */
  via: string
  /** For a sign-in through /login/token/, the login token's jti. */
  loginJti: string | undefined
}

export class Ledger {
  private counter = 0
  /**
   * Every issue of each JWT text: the sim's current.jwt has no jti, so the same customer asking
   * twice within a second gets the same text twice.
   */
  readonly jwts = new Map<string, LedgerJwt[]>()
  readonly tokens = new Map<string, LedgerToken>()
  readonly sessions: LedgerSessionEvent[] = []

  /** The next number of the sequence: for a test's own marks between the sim's events. */
  next(): number {
    return ++this.counter
  }

  /** The last number given out. */
  get seq(): number {
    return this.counter
  }

  jwtIssued(jwt: string, customerId: number, session: string | undefined): void {
    const issues = this.jwts.get(jwt) ?? []
    issues.push({ customerId, session, seq: this.next() })
    this.jwts.set(jwt, issues)
  }

  /** The last issue of `jwt` before `seq` (the one a token minted at `seq` came from, at the latest). */
  jwtBefore(jwt: string, seq: number): LedgerJwt | undefined {
    return this.jwts
      .get(jwt)
      ?.filter((issue) => issue.seq < seq)
      .at(-1)
  }

  tokenIssued(token: string, customerId: number, from: { jwt?: string; loginJti?: string; request?: SimRequest | undefined }): void {
    this.tokens.set(token, { customerId, seq: this.next(), jwt: from.jwt, loginJti: from.loginJti, request: from.request })
  }

  session(event: Omit<LedgerSessionEvent, 'seq' | 'customerId' | 'session' | 'loginJti'> & Partial<LedgerSessionEvent>): void {
    this.sessions.push({ customerId: undefined, session: undefined, loginJti: undefined, ...event, seq: this.next() })
  }

  clear(): void {
    this.counter = 0
    this.jwts.clear()
    this.tokens.clear()
    this.sessions.length = 0
  }
}
