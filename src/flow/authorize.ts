import type { CheckedConfig } from '../net/checked-config'
import { B2BAuthError, isB2BAuthError } from '../core/errors'
import { postGraphQL } from '../net/graphql'
import { own } from '../core/own'

/** The authorization mutation of B2B Edition's authentication guide, with variables; validated against the B2B schema in a test. */
export const AUTHORIZATION_MUTATION =
  'mutation B2BAuthorization($bcToken:String!,$channelId:Int!){authorization(authData:{bcToken:$bcToken,channelId:$channelId}){result{token}}}'

/**
 * The API refuses a pending Company's user (under a store setting) and an inactive Company's, with
 * messages the Buyer Portal maps word for word (`apps/storefront/src/utils/companyUtils.ts`, used
 * by its getB2BToken). Only the merchant can change that: no retry helps.
 */
const COMPANY = /business account is (pending|inactive)/i

/** Trades the storefront customer JWT for a B2B Edition storefront authToken. */
export async function authorize(config: CheckedConfig, jwt: string): Promise<string> {
  const data = await postGraphQL(config, AUTHORIZATION_MUTATION, { bcToken: jwt, channelId: config.channelId }).catch((error: unknown) => {
    const which = isB2BAuthError(error) && COMPANY.exec(error.message)?.[1]
    if (!which) throw error
    const { status, errors, message } = error as B2BAuthError
    throw new B2BAuthError(`company_${which.toLowerCase() as 'pending' | 'inactive'}`, message, { status, errors })
  })
  const token = own(own(own(data, 'authorization'), 'result'), 'token')
  if (typeof token !== 'string' || !token.trim()) {
    throw new B2BAuthError('invalid_response', 'B2B GraphQL B2BAuthorization answered without a token')
  }
  return token
}
