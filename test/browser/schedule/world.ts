// Runs a schedule's steps against the tabs of one browser context and the simulator, and feeds
// what the pages saw to the oracle after every step.
import type { Page } from 'playwright-core'
import { gate, type PageContext, type Sim, type SimFault } from '../../sim'
import { switchOffServiceWorker, switchOnServiceWorker } from '../support'
import { Oracle, type PageRecord } from './oracle'
import { renderSchedulePage, WHO_AM_I } from './page'
import { CUSTOMERS, type PageFlags, type Step } from './steps'

const HOUR = 3_600_000
const CLOCK_MOVES = { hour: HOUR, 'jwt-life': 16 * 60_000, renewal: 23 * HOUR + 52 * 60_000, day: 25 * HOUR }
/** How long a step may take to settle once nothing is held: far beyond the module's own deadlines. */
const SETTLE_LIMIT_MS = 45_000

interface Hold {
  target: string
  engaged: boolean
  released: boolean
  release: () => void
}

interface Collected {
  calls: { kind: string; done: boolean; value?: unknown; error?: { code: string | null; message: string; text: string } }[]
  used: string[]
  events: string[]
  url: string
}

/** The path every schedule page is served at; its query names the page. */
export const SCHEDULE_PATH = '/schedule'

export class World {
  readonly pages = new Map<number, PageRecord>()
  readonly oracle: Oracle
  private readonly current: (PageRecord | undefined)[] = []
  private readonly holds: Hold[] = []
  private clockMs = 0
  private logSeen = 0
  private nextPage = 1
  /** The schedule's own marks in the ledger's sequence, for the report. */
  private readonly marks = new Map<number, string>()

  constructor(
    private readonly sim: Sim,
    private readonly tabs: Page[],
    private readonly tabCount: number,
  ) {
    this.oracle = new Oracle(sim, this.pages)
  }

  private mark(label: string): number {
    const seq = this.sim.ledger.next()
    this.marks.set(seq, label)
    return seq
  }

  /** Everything in the ledger and the schedule's marks, in order: what a failure's report shows. */
  timeline(): string[] {
    const { ledger } = this.sim
    const jwtSeq = (jwt: string | undefined, before: number) => (jwt === undefined ? undefined : ledger.jwtBefore(jwt, before)?.seq)
    const lines = new Map<number, string>(this.marks)
    for (const [, issues] of ledger.jwts) for (const jwt of issues) lines.set(jwt.seq, `current.jwt issued for customer ${jwt.customerId}`)
    for (const [, token] of ledger.tokens) {
      const from = token.jwt === undefined ? 'the login mutation' : `the JWT of #${jwtSeq(token.jwt, token.seq)}`
      const state = token.request?.undelivered
        ? ', never delivered (the page had gone)'
        : token.request?.status === undefined
          ? ', not yet answered'
          : ''
      lines.set(token.seq, `token minted for customer ${token.customerId} from ${from}${state}`)
    }
    for (const event of ledger.sessions)
      lines.set(
        event.seq,
        event.kind === 'in' ? `session: customer ${event.customerId} signed in (${event.via})` : `session: signed out (${event.via})`,
      )
    return [...lines.entries()].sort(([a], [b]) => a - b).map(([seq, text]) => `#${seq} ${text}`)
  }

  /** The sim's render of SCHEDULE_PATH: the page record named by `?page=`. */
  render(ctx: PageContext): string {
    const page = this.pages.get(Number(ctx.query.get('page')))
    if (!page) return '<!doctype html><title>Unknown page</title>'
    const { html, rendered } = renderSchedulePage(ctx, page.hintMode, page.flags, this.clockMs)
    Object.assign(page, rendered, {
      renderSeq: this.mark(
        `page ${page.id} rendered in tab ${page.tab}, data-customer-id ${rendered.hint === undefined ? 'absent' : JSON.stringify(rendered.hint)}, session ${JSON.stringify(rendered.liveAtRender)}`,
      ),
    })
    // A guest page wipes every stored token: another mint after it is explained.
    if (rendered.hint === '') this.oracle.explained.push(page.renderSeq!)
    return html
  }

  private tabOf(index: number): number {
    return index % this.tabCount
  }

  private newPage(tab: number, hintMode: string, flags: PageFlags): PageRecord {
    const page: PageRecord = { id: this.nextPage++, tab, flags, hintMode, calls: [], usedSeen: 0, eventsSeen: 0 }
    this.pages.set(page.id, page)
    return page
  }

  /** Navigates a tab to `path` (which lands on `page`), first reading what its old page saw. */
  private async navigate(tab: number, page: PageRecord, path: (pageUrl: string) => string): Promise<void> {
    const old = this.current[tab]
    if (old) {
      await this.collect(old)
      old.goneSeq = this.mark(`page ${old.id} left`)
    }
    this.current[tab] = page
    // The boot call (b2bAuthReady) is the page's first call.
    page.calls.push({ kind: 'boot', startSeq: this.sim.ledger.seq, observed: false })
    await this.tabs[tab]!.goto(this.sim.storefrontUrl + path(`${SCHEDULE_PATH}?page=${page.id}`))
  }

  private async start(page: PageRecord, kind: string, arg?: unknown): Promise<void> {
    page.calls.push({ kind, startSeq: this.mark(`${kind}() #${page.calls.length} started in page ${page.id}`), observed: false })
    await this.tabs[page.tab]!.evaluate(
      ([what, given, query]) => {
        const w = window as unknown as { __call(kind: string, run: () => unknown): number; __portalLogout?: () => number }
        const auth = window.b2bAuth
        const runs: Record<string, () => unknown> = {
          get: () => auth.getB2BToken(),
          force: () => auth.getB2BToken({ forceRefresh: true }),
          graphql: () =>
            auth.b2bGraphQL<{ customerInfo: { userInfo: { email: string } } }>(query).then((data) => data.customerInfo.userInfo.email),
          'module-sign-in': () => auth.signIn(given as { email: string; password: string }).then((signedIn) => signedIn.customerId),
          'module-sign-out': () => auth.signOut(given as { storefront: boolean }),
          clear: () => auth.clearB2BToken(),
          'delete-indexeddb': () =>
            new Promise((resolve) => {
              const request = indexedDB.deleteDatabase('stencil-b2b-auth')
              request.onsuccess = request.onerror = request.onblocked = () => resolve(null)
            }),
          'portal-logout': async () => {
            await fetch('/login.php?action=logout', { credentials: 'same-origin', redirect: 'manual', cache: 'no-store' })
            return w.__portalLogout ? w.__portalLogout() : 0
          },
        }
        w.__call(what, runs[what]!)
      },
      [kind, arg, WHO_AM_I] as const,
    )
  }

  /** Reads what a page saw since the last time, and hands it to the oracle. */
  private async collect(page: PageRecord): Promise<boolean> {
    let seen: Collected
    try {
      seen = await this.tabs[page.tab]!.evaluate(() => {
        const w = window as unknown as { __calls?: Collected['calls']; __used?: string[]; __events?: string[] }
        return { calls: w.__calls ?? [], used: w.__used ?? [], events: w.__events ?? [], url: location.href }
      })
    } catch {
      return true
    }
    const { oracle } = this
    seen.calls.forEach((call, index) => {
      const mine = page.calls[index]
      if (!mine || mine.observed || !call.done) return
      mine.observed = true
      const how = `${call.kind}() #${index}`
      if (call.error) oracle.checkError(page, how, call.error)
      else if (typeof call.value === 'string' && (call.kind === 'boot' || call.kind === 'get' || call.kind === 'force'))
        oracle.checkToken(page, call.value, `the token ${how} returned`)
    })
    for (const token of seen.used.slice(page.usedSeen)) oracle.checkToken(page, token, 'a token b2bGraphQL() sent')
    page.usedSeen = seen.used.length
    for (const event of seen.events.slice(page.eventsSeen)) oracle.text(`a b2b-auth:change event of page ${page.id}`, event)
    page.eventsSeen = seen.events.length
    oracle.text(`the URL of page ${page.id}`, seen.url)
    return seen.calls.every((call) => call.done)
  }

  /**
   * Waits until every call of the open pages has settled, or until an answer the sim holds may be
   * what the rest wait for (then they settle later, and are read then).
   */
  async settle(): Promise<void> {
    const limit = Date.now() + SETTLE_LIMIT_MS
    for (;;) {
      let done = true
      for (const page of this.current) if (page && !(await this.collect(page))) done = false
      if (done || this.holds.some((hold) => hold.engaged && !hold.released)) return
      if (Date.now() > limit) {
        const pending = this.current.flatMap((page) =>
          page ? page.calls.filter((c) => !c.observed).map((c) => `${c.kind} in page ${page.id}`) : [],
        )
        this.oracle.fail(`calls did not settle within ${SETTLE_LIMIT_MS / 1000} s with nothing held: ${pending.join(', ')}`)
        return
      }
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
  }

  /** A held answer: `until` and `onTaken` of a SimFault. */
  private hold(target: string): Pick<SimFault, 'until' | 'onTaken'> {
    const { promise, resolve } = gate()
    const hold: Hold = { target, engaged: false, released: false, release: resolve }
    this.holds.push(hold)
    return { until: promise, onTaken: () => (hold.engaged = true) }
  }

  releaseAll(): void {
    for (const hold of this.holds) {
      hold.released = true
      hold.release()
    }
  }

  /** Runs one step; returns false when it had nothing to act on (no page in that tab). */
  async step(step: Step): Promise<boolean> {
    const did = await this.act(step)
    await this.settle()
    this.oracle.stepEnds.push(this.mark('step settled'))
    return did
  }

  private async act(step: Step): Promise<boolean> {
    const { sim } = this
    let tab = 'tab' in step ? this.tabOf(step.tab) : 0
    // A step for a page acts on the tab's, else on the first tab showing one.
    const page = this.current[tab] ?? this.current.find(Boolean)
    if (page && !['open', 'storefront-sign-in', 'storefront-sign-out'].includes(step.do)) tab = page.tab
    switch (step.do) {
      case 'open': {
        await this.navigate(tab, this.newPage(tab, step.hint, step.flags), (url) => url)
        return true
      }
      case 'storefront-sign-in': {
        const landing = this.newPage(tab, 'live', step.flags)
        await this.navigate(tab, landing, (url) => `/login?customer=${step.customer}&redirect=${encodeURIComponent(url)}`)
        return true
      }
      case 'storefront-sign-out': {
        const landing = this.newPage(tab, 'live', step.flags)
        const out = sim.ledger.sessions.length
        await this.navigate(tab, landing, (url) => `/logout?redirect=${encodeURIComponent(url)}`)
        await this.settle()
        this.signedOut(out, !step.flags.noBroadcastChannel, `a guest page in tab ${tab}`)
        return true
      }
      case 'clock': {
        this.clockMs += CLOCK_MOVES[step.by]
        sim.clockOffsetMs = this.clockMs
        const open = this.current.find(Boolean)
        if (open) await this.tabs[open.tab]!.evaluate((ms) => localStorage.setItem('test-clock-offset', String(ms)), this.clockMs)
        this.oracle.explained.push(this.mark(`clock moved by ${step.by}`))
        return true
      }
      case 'fault': {
        const faults: Record<typeof step.kind, SimFault> = {
          '5xx': { status: 503, body: 'Service Unavailable', contentType: 'text/plain; charset=utf-8' },
          '429': { status: 429, body: 'Too Many Requests', contentType: 'text/plain; charset=utf-8' },
          reset: { drop: true },
          hang: { ...this.hold(step.target), drop: true },
        }
        sim.fault(step.target, faults[step.kind])
        return true
      }
      case 'hold': {
        sim.fault(step.target, this.hold(step.target))
        return true
      }
      case 'release': {
        const hold = this.holds.find((h) => !h.released)
        if (!hold) return false
        hold.released = true
        hold.release()
        return true
      }
    }
    if (!page) return false
    switch (step.do) {
      case 'call':
        if (step.call === 'force') this.oracle.explained.push(this.mark('a forced refresh'))
        await this.start(page, step.call)
        return true
      case 'module-sign-in': {
        const customer = sim.options.customers.find((c) => c.id === step.customer)!
        this.oracle.explained.push(this.mark(step.do))
        await this.start(page, 'module-sign-in', { email: customer.email, password: customer.password })
        return true
      }
      case 'module-sign-out': {
        const out = sim.ledger.sessions.length
        this.oracle.explained.push(this.mark(step.do))
        await this.start(page, 'module-sign-out', { storefront: step.storefront })
        await this.settle()
        if (step.storefront) this.signedOut(out, !page.flags.noBroadcastChannel, `signOut({ storefront: true }) in tab ${tab}`)
        return true
      }
      case 'clear':
      case 'delete-indexeddb':
        this.oracle.explained.push(this.mark(step.do))
        await this.start(page, step.do)
        return true
      case 'portal-logout': {
        const out = sim.ledger.sessions.length
        this.oracle.explained.push(this.mark(step.do))
        await this.start(page, 'portal-logout')
        await this.settle()
        // Shown only where the module listens to the Portal (it does once its flow has run).
        const heard = await this.tabs[tab]!.evaluate(
          () => (window as unknown as { __calls: { kind: string; value?: unknown }[] }).__calls.at(-1)?.value,
        )
        if (typeof heard === 'number' && heard > 0)
          this.signedOut(out, !page.flags.noBroadcastChannel, `the Portal's on-logout in tab ${tab}`)
        return true
      }
      case 'service-worker':
        await (step.on
          ? switchOnServiceWorker(this.tabs[tab]!, { ignoreSearch: step.ignoreSearch })
          : switchOffServiceWorker(this.tabs[tab]!))
        return true
    }
    return false
  }

  /** Records the sign-outs since session event `from` as shown to the browser now. */
  private signedOut(from: number, broadcast: boolean, how: string): void {
    const shownSeq = this.mark(`sign-out shown: ${how}`)
    for (const event of this.sim.ledger.sessions.slice(from)) {
      if (event.kind === 'out') this.oracle.signOuts.push({ outSeq: event.seq, shownSeq, broadcast, how })
    }
  }

  /** Releases everything held, lets every call settle, and runs the checks that need a quiet browser. */
  async finish(): Promise<void> {
    this.releaseAll()
    this.sim.clearFaults()
    await this.settle()
    this.oracle.stepEnds.push(this.mark('everything released and settled'))
    const open = this.current.find(Boolean)
    if (open) {
      const keys = await this.tabs[open.tab]!.evaluate(async () => {
        const names: string[] = [...Object.keys(localStorage), ...(await caches.keys())]
        for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) names.push(request.url)
        const dbs = (await indexedDB.databases?.()) ?? []
        for (const { name } of dbs) {
          if (!name) continue
          names.push(name)
          const db = await new Promise<IDBDatabase>((resolve, reject) => {
            const request = indexedDB.open(name)
            request.onsuccess = () => resolve(request.result)
            request.onerror = () => reject(request.error)
          })
          for (const store of db.objectStoreNames) {
            const all = await new Promise<IDBValidKey[]>((resolve) => {
              const request = db.transaction(store).objectStore(store).getAllKeys()
              request.onsuccess = () => resolve(request.result)
            })
            names.push(store, ...all.map(String))
          }
          db.close()
        }
        return names
      })
      this.oracle.text('the storage keys (localStorage, Cache Storage, IndexedDB)', keys.join(' '))
    }
    for (const page of this.current)
      if (page) this.oracle.text(`the DOM of page ${page.id}`, await this.tabs[page.tab]!.content().catch(() => ''))
  }

  /** The checks after every step: the log's URLs, the texts seen, and the mints. */
  check(consoleLines: string[], pageErrors: string[]): void {
    const { oracle, sim } = this
    for (const line of consoleLines) oracle.text('a console line', line)
    for (const error of pageErrors) oracle.fail(`a page error: ${error}`)
    // The storefront's Customer Login endpoint takes its login token in the path, by design.
    for (const entry of sim.log.slice(this.logSeen))
      if (!entry.path.startsWith('/login/token/'))
        oracle.text('a request URL', `${entry.path}?${new URLSearchParams(entry.query).toString()}`)
    this.logSeen = sim.log.length
    oracle.checkSecrets()
    oracle.checkMints()
  }

  /** The customers' ids as the steps name them. */
  static readonly customers = CUSTOMERS
}
