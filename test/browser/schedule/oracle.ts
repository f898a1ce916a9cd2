// The invariants of issue 23, checked against the simulator's ledger (what it issued, for whom,
// from which JWT, and every session change), never against the module's own state.
import type { Ledger, LedgerToken, Sim } from '../../sim'
import type { PageFlags } from './steps'

export interface PageRecord {
  id: number
  tab: number
  flags: PageFlags
  hintMode: string
  /** Set when the sim renders it. */
  renderSeq?: number
  hint?: string | undefined
  liveAtRender?: string
  /** When its tab left it (navigated, or the schedule ended). */
  goneSeq?: number
  /** Calls the schedule started in it, by their index in the page's window.__calls. */
  calls: { kind: string; startSeq: number; observed: boolean }[]
  usedSeen: number
  eventsSeen: number
}

/** A storefront sign-out the browser was shown (a guest page, signOut(), the Portal's on-logout). */
export interface ShownSignOut {
  /** The ledger's 'out' event. */
  outSeq: number
  /** When the step that showed it had settled. */
  shownSeq: number
  /** Shown in a page with a BroadcastChannel, so the other tabs can hear of it. */
  broadcast: boolean
  how: string
}

export class Oracle {
  readonly violations: string[] = []
  readonly signOuts: ShownSignOut[] = []
  /** Ledger marks after which another mint of a customer is explained (a clear, an expiry, a forced refresh...). */
  readonly explained: number[] = []
  /** Ledger marks at the end of each step, once it had settled. */
  readonly stepEnds: number[] = []
  /** Texts a secret must not appear in, with where they came from. */
  private readonly texts: [string, string][] = []

  constructor(
    private readonly sim: Sim,
    private readonly pages: Map<number, PageRecord>,
  ) {}

  private get ledger(): Ledger {
    return this.sim.ledger
  }

  fail(message: string): void {
    if (!this.violations.includes(message)) this.violations.push(message)
  }

  /** The customer ('' for none) the browser's session names after each session event. */
  private sessionTimeline(): { seq: number; customer: string }[] {
    return this.ledger.sessions.map((event) => ({ seq: event.seq, customer: event.kind === 'in' ? String(event.customerId) : '' }))
  }

  /**
   * From when a page's data-customer-id no longer named the live session: for a page rendered
   * with the live customer, the first session change after it was rendered; for one rendered
   * stale, the last change before (0 when there was none). Undefined: still fresh.
   */
  freshUntil(page: PageRecord): number | undefined {
    const timeline = this.sessionTimeline()
    const rendered = page.renderSeq ?? 0
    if (page.hint === page.liveAtRender) return timeline.find((e) => e.seq > rendered && e.customer !== page.hint)?.seq
    return timeline.filter((e) => e.seq < rendered && e.customer !== page.hint).at(-1)?.seq ?? 0
  }

  /** When the JWT a token was minted from was issued (or the session its sign-in started); undefined if neither. */
  basis(token: LedgerToken): number | undefined {
    if (token.jwt !== undefined) return this.ledger.jwtBefore(token.jwt, token.seq)?.seq
    return this.ledger.sessions.find((e) => e.kind === 'in' && e.loginJti !== undefined && e.loginJti === token.loginJti)?.seq
  }

  /** A token a call of `page` returned, or a b2bGraphQL() of it sent. */
  checkToken(page: PageRecord, token: string, how: string): void {
    const where = `page ${page.id} (tab ${page.tab}, data-customer-id ${page.hint === undefined ? 'absent' : JSON.stringify(page.hint)})`
    const info = this.ledger.tokens.get(token)
    if (!info) return this.fail(`${how} in ${where}: a token the sim never issued`)
    const jwt = info.jwt === undefined ? undefined : this.ledger.jwtBefore(info.jwt, info.seq)
    if (info.jwt !== undefined && jwt?.customerId !== info.customerId)
      return this.fail(
        `${how} in ${where}: customer ${info.customerId}'s token minted from a JWT the storefront issued for customer ${jwt?.customerId}`,
      )
    const basis = this.basis(info)
    if (basis === undefined)
      return this.fail(`${how} in ${where}: customer ${info.customerId}'s token of a sign-in whose storefront session never began`)
    // The token's customer is the page's, or the page's hint was stale before that customer's JWT was issued.
    if (page.hint !== undefined && String(info.customerId) !== page.hint) {
      const stale = this.freshUntil(page)
      if (stale === undefined || basis < stale)
        this.fail(
          `${how} in ${where}: customer ${info.customerId}'s token (JWT issued at #${basis}), on a page rendered at #${page.renderSeq} for customer ${JSON.stringify(page.hint)}` +
            (stale === undefined ? ', whose data-customer-id was never stale' : `, whose data-customer-id was fresh until #${stale}`),
        )
    }
    // Nothing minted from before a sign-out the browser was shown, after it was shown.
    if (!page.flags.noBroadcastChannel) {
      for (const out of this.signOuts) {
        if (out.broadcast && basis < out.outSeq && info.seq > out.shownSeq)
          this.fail(
            `${how} in ${where}: customer ${info.customerId}'s token minted at #${info.seq} from a JWT issued at #${basis}, before the sign-out at #${out.outSeq} (${out.how}) shown at #${out.shownSeq}`,
          )
      }
    }
  }

  checkError(page: PageRecord, kind: string, error: { code: string | null; message: string; text: string }): void {
    const where = `page ${page.id} (tab ${page.tab})`
    if (!error.code) this.fail(`${kind} in ${where} failed without a code: ${error.message}`)
    // Every setting a schedule renders is valid: a config error means the module misread the page.
    if (error.code === 'config') this.fail(`${kind} in ${where} failed with a config error on valid settings: ${error.message}`)
    this.text(`${kind} error in ${where}`, `${error.message} ${error.text}`)
  }

  text(where: string, text: string): void {
    this.texts.push([where, text])
  }

  /** No JWT, token, login token or password in any text seen so far. */
  checkSecrets(): void {
    const secrets = [
      ...this.ledger.jwts.keys(),
      ...this.ledger.tokens.keys(),
      ...this.sim.issuedLoginTokens,
      ...this.sim.options.customers.flatMap((c) => (c.password ? [c.password] : [])),
    ]
    const pieces = secrets.flatMap((secret) => {
      const payload = secret.split('.')[1]
      return payload && payload.length > 20 ? [secret, payload] : [secret]
    })
    for (const [where, text] of this.texts.splice(0)) {
      const found = pieces.find((piece) => text.includes(piece))
      if (found) this.fail(`a secret (${found.slice(0, 12)}…) in ${where}`)
    }
  }

  /**
   * At most one mint per customer per token lifetime, unless something explains another: a clear,
   * a sign-in or sign-out, an expiry (the clock), a forced refresh, a deleted database, a guest
   * page's wipe. Such an event explains the next mint when it came after the previous mint's flow
   * had begun (its JWT was issued) and before the next one landed; as what it does in the pages
   * is not seen, it counts until the end of its step. One more mint for each page without Web
   * Locks or BroadcastChannel alive meanwhile, which mints on its own. Only mints whose answer
   * reached a page count.
   */
  checkMints(): void {
    const ends = this.stepEnds
    const explanations = [...this.explained, ...this.ledger.sessions.map((e) => e.seq)].map((from) => ({
      from,
      to: ends.find((end) => end > from) ?? Infinity,
    }))
    const mints = [...this.ledger.tokens.values()]
      .filter((t) => t.jwt !== undefined && t.request?.status !== undefined && !t.request.undelivered)
      .map((t) => ({ customer: t.customerId, landed: t.seq, began: this.ledger.jwtBefore(t.jwt!, t.seq)?.seq ?? 0 }))
      .sort((a, b) => a.landed - b.landed)
    const last = new Map<number, { landed: number; began: number; run: number; runBegan: number }>()
    for (const mint of mints) {
      const previous = last.get(mint.customer)
      if (!previous) {
        last.set(mint.customer, { ...mint, run: 1, runBegan: mint.began })
        continue
      }
      const explained = explanations.some((e) => e.from < mint.landed && e.to > previous.began)
      const run = explained ? 1 : previous.run + 1
      const runBegan = explained ? mint.began : previous.runBegan
      last.set(mint.customer, { ...mint, run, runBegan })
      if (explained) continue
      const loners = [...this.pages.values()].filter(
        (p) =>
          (p.flags.noLocks || p.flags.noBroadcastChannel) && (p.renderSeq ?? Infinity) < mint.landed && (p.goneSeq ?? Infinity) > runBegan,
      ).length
      if (run > 1 + loners)
        this.fail(
          `${run} mints for customer ${mint.customer} (the last at #${mint.landed}) with nothing to explain more than ${1 + loners} since #${runBegan}`,
        )
    }
  }
}
