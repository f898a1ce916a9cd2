// The B2B storefront tokens the sim has issued, and the check of the bearer token on every call
// that needs one. The sim keeps each token's customer and expiry itself, so an 'opaque' token
// works exactly like a 'jwt' one: a client must never need to read either.
import { randomBytes, randomUUID } from 'node:crypto'
import { b2bError } from './b2b-errors'
import type { SimClock } from './clock'
import type { SimCustomer } from './fixtures'
import { signHs256 } from './jwt'
import type { ResolvedSimOptions } from './options'

/** The sim's own secret for B2B tokens in the 'jwt' style; nothing outside the sim verifies them. */
const B2B_TOKEN_SECRET = 'sim-b2b-token-secret'

interface IssuedToken {
  customerId: number
  channelId: number
  /** Epoch seconds, sim clock. */
  exp: number
  expired: boolean
}

export class B2bTokens {
  private readonly tokens = new Map<string, IssuedToken>()

  constructor(
    private readonly options: ResolvedSimOptions,
    private readonly clock: SimClock,
    private readonly findCustomer: (id: number) => SimCustomer | undefined,
    /** sim.issuedTokens: every token issued, in order. */
    private readonly issued: string[],
  ) {}

  issue(customer: SimCustomer, channelId: number): string {
    const { options } = this
    const iat = this.clock.nowSec()
    const exp = iat + options.tokenLifetimeSec
    const token =
      options.tokenStyle === 'jwt'
        ? signHs256(
            { bc_customer_id: customer.id, store_hash: options.storeHash, channel_id: channelId, iat, exp, jti: randomUUID() },
            B2B_TOKEN_SECRET,
          )
        : randomBytes(20).toString('hex')
    this.tokens.set(token, { customerId: customer.id, channelId, exp, expired: false })
    this.issued.push(token)
    return token
  }

  /** The bearer's token and customer; throws the API's error for a missing, unknown or expired one. */
  require(bearer: string | undefined): { token: IssuedToken; customer: SimCustomer } {
    const token = bearer === undefined ? undefined : this.tokens.get(bearer)
    const customer = token && this.findCustomer(token.customerId)
    // Assumption A2.
    if (!token || !customer) throw b2bError('invalidToken')
    // Fact: 40101 is the expired-token code the Buyer Portal acts on (b2b-buyer-portal
    // `apps/storefront/src/shared/service/request/b3Fetch.ts`). The message is the sim's.
    if (token.expired || this.clock.nowSec() >= token.exp) throw b2bError('tokenExpired')
    return { token, customer }
  }

  /** Every token issued so far now counts as expired. */
  expireAll(): void {
    for (const token of this.tokens.values()) token.expired = true
  }

  clear(): void {
    this.tokens.clear()
  }
}
