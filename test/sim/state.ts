// What the parts of one running sim share. Built once by startSim and handed to each part, so a
// handler's inputs are named here rather than captured from one large closure.
import type { B2bTokens } from './b2b-tokens'
import type { SimClock } from './clock'
import type { SimRequest } from './exchange'
import type { FaultQueue } from './faults'
import type { Ledger } from './ledger'
import type { SimCustomer } from './fixtures'
import type { ResolvedSimOptions } from './options'
import type { Pages } from './pages'
import type { Sessions } from './sessions'

export interface SimState {
  options: ResolvedSimOptions
  clock: SimClock
  /** sim.log. */
  log: SimRequest[]
  faults: FaultQueue
  sessions: Sessions
  pages: Pages
  tokens: B2bTokens
  /** sim.ledger: what was issued, for whom, and the session changes, in one order. */
  ledger: Ledger
  /** sim.issuedJwts: every current.jwt answered. */
  issuedJwts: string[]
  /** sim.issuedLoginTokens: every storefrontLoginToken the login mutation issued. */
  issuedLoginTokens: string[]
  /** The jti of every storefrontLoginToken redeemed at /login/token/: each works once. */
  usedLoginTokens: Set<string>
  findCustomer(id: number): SimCustomer | undefined
  /** The servers' URLs, known only once both listen; pages render them. */
  urls(): { storefrontUrl: string; b2bUrl: string }
}
