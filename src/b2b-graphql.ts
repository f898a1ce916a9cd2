import { B2BAuthError, isB2BAuthError } from './errors'
import { trace } from './debug'
import { postGraphQL } from './graphql'
import { checkSettings } from './settings'
import type { GetTokenOptions, SessionCore } from './session'

/** Options of `b2bGraphQL()`. */
export interface B2BGraphQLOptions {
  /** Stops waiting for the token and the answer. */
  signal?: AbortSignal
}

/** The B2B API's answer to a stale token: code 40101, or HTTP 401. */
function refused(error: unknown): boolean {
  return isB2BAuthError(error) && (String(error.graphqlCode) === '40101' || error.status === 401)
}

/**
 * The theme's own B2B GraphQL request with the shopper's token. On the expired-token answer it
 * mints a new token once (another tab's fresh one if it has minted meanwhile) and retries once.
 */
export async function b2bGraphQL(
  core: SessionCore,
  getToken: (options: GetTokenOptions) => Promise<string | null>,
  query: string,
  variables: Record<string, unknown> = {},
  signal?: AbortSignal,
): Promise<unknown> {
  const cfg = checkSettings(core.current())
  const mutation = /^\s*mutation\b/.test(query)
  const send = async (forceRefresh: boolean) => {
    const token = await getToken({ forceRefresh, signal })
    if (!token) throw new B2BAuthError('guest', 'b2bGraphQL() needs a signed-in customer; nobody is signed in, and nothing was sent')
    return postGraphQL(cfg, query, variables, { token, retry: !mutation, signal })
  }
  try {
    return await send(false)
  } catch (error) {
    if (!refused(error)) throw error
    trace('token refused (40101/401): new token, one retry')
    return send(true)
  }
}
