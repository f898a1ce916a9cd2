import type { CheckedConfig } from '../net/checked-config'
import { B2BAuthError, isB2BAuthError } from '../core/errors'
import { postGraphQL } from '../net/graphql'
import { own } from '../core/own'

/** The authorization mutation of B2B Edition's authentication guide, with variables; validated against the B2B schema in a test. */
export const AUTHORIZATION_MUTATION =
  'mutation B2BAuthorization($bcToken:String!,$channelId:Int!){authorization(authData:{bcToken:$bcToken,channelId:$channelId}){result{token}}}'

/**
 * Refusals only the merchant can mend, so no retry helps: a pending Company's user (under a store
 * setting) and an inactive Company's, with the messages the Buyer Portal maps word for word
 * (`apps/storefront/src/utils/companyUtils.ts`, used by its getB2BToken), and a channel that is not
 * live, which `authorization` answers as `login` does (the Portal's `pages/Login/index.test.tsx`),
 * and which signIn() maps to the same code.
 */
const REFUSED = /business account is (pending|inactive)|channel is not live/i

/** Trades the storefront customer JWT for a B2B Edition storefront authToken. */
export async function authorize(config: CheckedConfig, jwt: string): Promise<string> {
  const data = await postGraphQL(config, AUTHORIZATION_MUTATION, { bcToken: jwt, channelId: config.channelId }).catch((error: unknown) => {
    const refused = isB2BAuthError(error) && REFUSED.exec(error.message)
    if (!refused) throw error
    const { status, errors, message } = error as B2BAuthError
    const which = refused[1]?.toLowerCase() as 'pending' | 'inactive' | undefined
    throw new B2BAuthError(which ? `company_${which}` : 'channel_not_live', message, { status, errors })
  })
  const token = own(own(own(data, 'authorization'), 'result'), 'token')
  if (typeof token !== 'string' || !token.trim()) {
    throw new B2BAuthError('invalid_response', 'B2B GraphQL B2BAuthorization answered without a token')
  }
  return token
}
