// Starting a sim, and the Sim object a test holds: what it can look at (the log, what was issued)
// and change (faults, sessions, pages, the clock) while the page runs.
import { b2bHandlers } from './b2b-endpoint'
import { b2bSchema } from './b2b-schema'
import { portalHandlers } from './buyer-portal'
import { B2bTokens } from './b2b-tokens'
import { SimClock } from './clock'
import { controlHandlers } from './control-endpoints'
import type { SimRequest } from './exchange'
import { FaultQueue, type SimFault, type SimTarget } from './faults'
import { type ResolvedSimOptions, resolveOptions, type SimOptions } from './options'
import { Ledger } from './ledger'
import { type PageRender, Pages } from './pages'
import { countRequests } from './request-log'
import { SimServers } from './server'
import { Sessions } from './sessions'
import type { SimState } from './state'
import { storefrontHandlers } from './storefront'

export interface Sim {
  storefrontUrl: string
  b2bUrl: string
  options: ResolvedSimOptions
  /** Every request to either server, in order of arrival (CORS preflights included). */
  log: SimRequest[]
  /**
   * 'current.jwt': GETs of /customer/current.jwt; 'graphql': POSTs to the B2B endpoint; a string
   * starting with '/': requests whose path equals it; any other string: B2B POSTs whose operation
   * includes that root field.
   */
  count(target: SimTarget | (string & {})): number
  /** Applied to the next `times` (default 1, Infinity allowed) matching requests, FIFO. */
  fault(target: SimTarget, fault: SimFault, times?: number): void
  clearFaults(): void
  /** Starts a storefront session; returns the value for the `SHOP_SESSION_TOKEN` cookie. */
  signIn(customerId: number): string
  /** Ends one session, or all of them. */
  signOut(sessionValue?: string): void
  issuedJwts: string[]
  issuedTokens: string[]
  /** Every storefrontLoginToken the login mutation issued. */
  issuedLoginTokens: string[]
  /**
   * Every current.jwt and B2B token issued (whose, from which JWT or sign-in) and every session
   * change, in one sequence: the ground truth a test checks a page's tokens against.
   */
  ledger: Ledger
  /** Every B2B token issued so far now counts as expired (code 40101). */
  expireTokens(): void
  /**
   * Registers an HTML page. A string is a template: see fillPlaceholders(). `headers` are added to
   * the answer (a Content-Type for a script, a CSP). A page outranks a dist file of the same path.
   */
  setPage(path: string, render: PageRender, headers?: Record<string, string>): void
  /** Added to the sim's "now" (JWT iat/exp, B2B token expiry, the Date header). */
  clockOffsetMs: number
  /** Clears log, faults, sessions, issued lists, tokens and their expiry, and clockOffsetMs. Not pages. */
  reset(): void
  /** Closes both servers, destroying open and hung sockets. */
  close(): Promise<void>
}

export async function startSim(input: SimOptions = {}): Promise<Sim> {
  // Built (and so checked) before anything listens: a broken schema file fails the start.
  b2bSchema()
  const options = resolveOptions(input)
  const customers = options.customers
  const findCustomer = (id: number) => customers.find((c) => c.id === id)

  // The clock reads the offset from the Sim object, where a test sets it.
  const clock = new SimClock(() => sim.clockOffsetMs)
  const issuedTokens: string[] = []
  const state: SimState = {
    options,
    clock,
    log: [],
    faults: new FaultQueue(clock),
    sessions: new Sessions(findCustomer),
    pages: new Pages(),
    tokens: new B2bTokens(options, clock, findCustomer, issuedTokens),
    ledger: new Ledger(),
    issuedJwts: [],
    issuedLoginTokens: [],
    usedLoginTokens: new Set<string>(),
    findCustomer,
    urls: () => ({ storefrontUrl: sim.storefrontUrl, b2bUrl: sim.b2bUrl }),
  }
  const { log, faults, sessions, pages, tokens, issuedJwts, issuedLoginTokens, usedLoginTokens, ledger } = state

  const sim: Sim = {
    storefrontUrl: '',
    b2bUrl: '',
    options,
    log,
    clockOffsetMs: 0,
    issuedJwts,
    issuedTokens,
    issuedLoginTokens,
    ledger,

    count: (target) => countRequests(log, target),

    fault(target, fault, times = 1) {
      faults.add(target, fault, times)
    },

    clearFaults() {
      faults.clear()
    },

    signIn(customerId) {
      const value = sessions.signIn(customerId)
      ledger.session({ kind: 'in', customerId, session: value, via: 'sim.signIn' })
      return value
    },

    signOut(sessionValue) {
      sessions.signOut(sessionValue)
      ledger.session({ kind: 'out', session: sessionValue, via: 'sim.signOut' })
    },

    expireTokens() {
      tokens.expireAll()
    },

    setPage(path, render, headers) {
      pages.set(path, render, headers)
    },

    reset() {
      log.length = 0
      issuedJwts.length = 0
      issuedTokens.length = 0
      issuedLoginTokens.length = 0
      usedLoginTokens.clear()
      faults.clear()
      sessions.signOut()
      tokens.clear()
      ledger.clear()
      sim.clockOffsetMs = 0
    },

    async close() {
      if (clock.stopped) return
      clock.stop()
      await servers.close()
    },
  }

  const servers = new SimServers(state, {
    storefront: storefrontHandlers(state),
    control: controlHandlers(state),
    b2b: b2bHandlers(state),
    portal: portalHandlers(state),
  })

  try {
    options.storefrontPort = await servers.listen('storefront', options.storefrontPort)
    options.b2bPort = await servers.listen('b2b', options.b2bPort)
  } catch (error) {
    await sim.close()
    throw error
  }
  sim.storefrontUrl = `http://127.0.0.1:${options.storefrontPort}`
  sim.b2bUrl = `http://127.0.0.1:${options.b2bPort}/graphql`
  return sim
}
