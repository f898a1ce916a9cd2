import type { Settings } from './settings'
import { B2BAuthError } from './errors'
import { postGraphQL } from './graphql'
import { own } from './own'

/** The seed's authorization mutation, with variables; validated against the B2B schema in a test. */
export const AUTHORIZATION_MUTATION =
  'mutation B2BAuthorization($bcToken:String!,$channelId:Int!){authorization(authData:{bcToken:$bcToken,channelId:$channelId}){result{token}}}'

/** Trades the storefront customer JWT for a B2B Edition storefront authToken. */
export async function authorize(config: Settings, jwt: string): Promise<string> {
  const data = await postGraphQL(config, AUTHORIZATION_MUTATION, { bcToken: jwt, channelId: config.channelId })
  const token = own(own(own(data, 'authorization'), 'result'), 'token')
  if (typeof token !== 'string' || !token.trim()) {
    throw new B2BAuthError('invalid_response', 'B2B GraphQL B2BAuthorization answered without a token')
  }
  return token
}
