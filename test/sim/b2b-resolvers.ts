// What the simulated B2B endpoint answers once a document has validated: the four root fields the
// module and the Buyer Portal use (authorization, login, customerInfo, userCompany), and those only
// the Portal asks (buyer-portal.ts). Any other
// root field of the schema is answered "Not implemented", so a client that starts using one is
// noticed here rather than passing against an answer nobody checked.
import { randomUUID } from 'node:crypto'
import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql'
import { b2bError } from './b2b-errors'
import { portalResolvers } from './buyer-portal'
import type { B2bTokens } from './b2b-tokens'
import type { SimClock } from './clock'
import { isObject, type SimRequest } from './exchange'
import type { SimCustomer } from './fixtures'
import { decodeUnverified, signHs256, verifyHs256 } from './jwt'
import type { Ledger } from './ledger'
import type { ResolvedSimOptions } from './options'

export interface GraphQLContext {
  /** The `Authorization: Bearer` token, if the request had one. */
  bearer: string | undefined
  /** The request's log entry, which the ledger keeps with a token (was the answer delivered?). */
  request?: SimRequest | undefined
}

export interface ResolverDeps {
  schema: GraphQLSchema
  options: ResolvedSimOptions
  clock: SimClock
  tokens: B2bTokens
  findCustomer: (id: number) => SimCustomer | undefined
  /** sim.issuedLoginTokens. */
  issuedLoginTokens: string[]
  ledger: Ledger
}

// The roles as the Buyer Portal reads them (b2b-buyer-portal `apps/storefront/src/utils/loginInfo.ts`).
const ROLE_NAMES: Record<number, string> = {
  0: 'Admin',
  1: 'Senior Buyer',
  2: 'Junior Buyer',
  3: 'Super Admin',
  5: 'Custom role',
}

/** A B2B Edition user's own id, which is not the BigCommerce customer id (bcId): Assumption A11. */
const b2bUserId = (customer: { id: number }) => 1000 + customer.id

function userType(customer: SimCustomer) {
  // Assumption A12: 0 for a B2C customer.
  const role = customer.company?.role ?? 0
  return {
    id: String(b2bUserId(customer)),
    createdAt: 1_700_000_000,
    updatedAt: 1_700_000_000,
    firstName: customer.firstName,
    lastName: customer.lastName,
    email: customer.email,
    phone: null,
    bcId: customer.id,
    role,
    masqueradingCompanyId: null,
    uuid: null,
    extraFields: [],
    companyRoleId: customer.company ? role : null,
    companyRoleName: customer.company ? (ROLE_NAMES[role] ?? 'Custom role') : null,
    companyInfo: customer.company
      ? {
          companyId: String(customer.company.id),
          companyName: customer.company.name,
          companyAddress: '1 Industrial Way',
          companyCountry: 'United States',
          companyState: 'Texas',
          companyCity: 'Austin',
          companyZipCode: '78701',
          phoneNumber: null,
          bcId: customer.groupId ?? '0',
        }
      : null,
  }
}

/** Every root field of the schema is answered by this resolver: the listed ones, or an error. */
export function b2bFieldResolver(deps: ResolverDeps): GraphQLFieldResolver<unknown, GraphQLContext> {
  const { schema, options, clock, tokens, findCustomer, issuedLoginTokens, ledger } = deps
  const customers = options.customers

  /**
   * Both mutations refuse an inactive company, and a pending one under a store setting
   * (Assumption A8), with the messages the Buyer Portal maps (b2b-buyer-portal
   * `apps/storefront/src/utils/companyUtils.ts`); a rejected one is let in (Assumption A9), as is
   * a pending one otherwise.
   */
  function refuseCompany(customer: SimCustomer): void {
    const status = customer.company?.status
    if (status === 3) throw b2bError('companyInactive')
    if (status === 0 && options.refusePendingCompanies) throw b2bError('companyPending')
  }

  const resolvers: Record<string, (args: Record<string, unknown>, ctx: GraphQLContext) => unknown> = {
    authorization(args, ctx) {
      const authData = isObject(args.authData) ? args.authData : {}
      const bcToken = typeof authData.bcToken === 'string' ? authData.bcToken : ''
      const channelId = typeof authData.channelId === 'number' ? authData.channelId : 1
      // Assumption A3: the checks run in PyJWT's order (signature, then expiry). A JWT for an app
      // the API does not accept fails its signature (which app a store accepts has changed over
      // time: bigcommerce/b2b-buyer-portal pull requests 869 and 872).
      if (!decodeUnverified(bcToken)) throw b2bError('malformed')
      const aud = decodeUnverified(bcToken)?.claims.aud
      const accepted = typeof aud === 'string' && options.acceptedClientIds.includes(aud) ? options.clientSecrets[aud] : undefined
      const claims = accepted === undefined ? undefined : verifyHs256(bcToken, accepted)
      if (!claims) throw b2bError('signature')
      if (typeof claims.exp !== 'number' || clock.nowSec() >= claims.exp) throw b2bError('jwtExpired')
      // Assumption A5.
      if (claims.store_hash !== options.storeHash) throw b2bError('wrongStore')
      const channel = options.channels[channelId]
      // Assumption A6.
      if (!channel) throw b2bError('unknownChannel')
      // Fact: this message is one the real API sends for a channel that is not live; its code is
      // the sim's (Assumption A7).
      if (!channel.live) throw b2bError('notLive')
      const claimedCustomer = isObject(claims.customer) ? claims.customer : {}
      const customer = findCustomer(Number(claimedCustomer.id))
      if (!customer) throw b2bError('unknownCustomer')
      refuseCompany(customer)
      const token = tokens.issue(customer, channelId)
      ledger.tokenIssued(token, customer.id, { jwt: bcToken, request: ctx.request })
      return {
        result: { token, user: userType(customer), loginType: 1, storefrontLoginToken: null, permissions: [] },
      }
    },

    login(args, ctx) {
      const loginData = isObject(args.loginData) ? args.loginData : {}
      const channelId = typeof loginData.channelId === 'number' ? loginData.channelId : 1
      if (loginData.storeHash !== options.storeHash) throw b2bError('wrongStore')
      const channel = options.channels[channelId]
      if (!channel) throw b2bError('unknownChannel')
      if (!channel.live) throw b2bError('notLive')
      const customer = customers.find((c) => c.email === loginData.email)
      if (!customer || customer.password === undefined || customer.password !== loginData.password) throw b2bError('badCredentials')
      refuseCompany(customer)
      const token = tokens.issue(customer, channelId)
      // The storefront login JWT (BigCommerce's Customer Login API): Assumption A17.
      const iat = clock.nowSec()
      const jti = randomUUID()
      ledger.tokenIssued(token, customer.id, { loginJti: jti, request: ctx.request })
      const storefrontLoginToken = signHs256(
        {
          iss: options.installedClientId,
          iat,
          jti,
          operation: 'customer_login',
          store_hash: options.storeHash,
          customer_id: customer.id,
          channel_id: channelId,
          redirect_to: typeof loginData.redirectUrl === 'string' ? loginData.redirectUrl : '/',
        },
        options.clientSecrets[options.installedClientId] ?? '',
      )
      issuedLoginTokens.push(storefrontLoginToken)
      return {
        result: {
          token,
          storefrontLoginToken,
          user: { ...userType(customer), bcId: customer.id },
          loginType: 2,
          permissions: [],
        },
      }
    },

    customerInfo(_args, ctx) {
      const { customer } = tokens.require(ctx.bearer)
      // Assumptions A12, A20.
      const role = customer.company?.role ?? 0
      return {
        userType: customer.company ? 3 : 2,
        permissions: [],
        userInfo: {
          id: b2bUserId(customer),
          email: customer.email,
          firstName: customer.firstName,
          lastName: customer.lastName,
          phoneNumber: null,
          role,
          companyRoleId: customer.company ? role : null,
          companyRoleName: customer.company ? (ROLE_NAMES[role] ?? 'Custom role') : null,
          forcePasswordReset: false,
        },
      }
    },

    userCompany(args, ctx) {
      const { customer } = tokens.require(ctx.bearer)
      // Assumptions A14, A13.
      if (args.userId !== b2bUserId(customer)) throw b2bError('permission')
      if (customer.company?.role === 3) throw b2bError('permission')
      // Assumption A15.
      const company = customer.company
      if (!company) return null
      return {
        id: String(company.id),
        companyName: company.name,
        companyStatus: company.status,
        bcGroupName: `${company.name} group`,
        description: '',
        catalogId: null,
        addressLine1: '1 Industrial Way',
        addressLine2: '',
        city: 'Austin',
        state: 'Texas',
        zipCode: '78701',
        country: 'United States',
        extraFields: [],
        customerGroupId: Number(customer.groupId ?? '0'),
      }
    },
  }

  Object.assign(resolvers, portalResolvers({ options, tokens }))

  return (source, args, ctx, info) => {
    if (info.parentType === schema.getQueryType() || info.parentType === schema.getMutationType()) {
      const resolver = Object.hasOwn(resolvers, info.fieldName) ? resolvers[info.fieldName] : undefined
      if (!resolver) throw b2bError('notImplemented')
      return resolver(args, ctx)
    }
    return defaultFieldResolver(source, args, ctx, info)
  }
}
