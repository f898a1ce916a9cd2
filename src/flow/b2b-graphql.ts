import { B2BAuthError, isB2BAuthError } from '../core/errors'
import { trace } from '../core/debug'
import { postGraphQL } from '../net/graphql'
import { checkConfig } from '../net/checked-config'
import type { B2BGraphQLOptions, Engine } from '../core/contract'
import { own } from '../core/own'
import { getToken } from './get-token'

/** The B2B API's answer to a stale token: code 40101, or HTTP 401. */
function refused(error: unknown): boolean {
  return isB2BAuthError(error) && (String(error.graphqlCode) === '40101' || error.status === 401)
}

/**
 * b2bGraphQL(): the theme's own B2B GraphQL request with the shopper's token. On the
 * expired-token answer it mints a new token once (another tab's fresh one if it has minted
 * meanwhile) and retries once.
 */
export async function requestWithToken(
  engine: Engine,
  query: string,
  variables: Record<string, unknown> = {},
  options?: B2BGraphQLOptions,
): Promise<unknown> {
  const settings = checkConfig(engine.readConfig())
  const signal = own(options, 'signal') as AbortSignal | undefined
  const mutation = /^\s*mutation\b/.test(query)
  const send = async (forceRefresh: boolean) => {
    const token = await getToken(engine, { forceRefresh, signal })
    if (!token) throw new B2BAuthError('guest', 'b2bGraphQL() needs a signed-in customer; nobody is signed in, and nothing was sent')
    return postGraphQL(settings, query, variables, { token, retry: !mutation, signal })
  }
  try {
    return await send(false)
  } catch (error) {
    if (!refused(error)) throw error
    trace('token refused (40101/401): new token, one retry')
    return send(true)
  }
}
