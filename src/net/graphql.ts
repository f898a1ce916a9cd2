import type { CheckedConfig } from './checked-config'
import { B2BAuthError, type B2BGraphQLError } from '../core/errors'
import { httpError, request, RETRIES } from './http'
import { isObject, own } from '../core/own'
import { redact } from '../core/secrets'

/**
 * POSTs one GraphQL document to the B2B endpoint and returns `data`. The endpoint is cross-origin
 * and authenticates by bearer token only, so no cookies go along. Its errors come as JSON whatever
 * the HTTP status (the Buyer Portal reads them so too): `errors` wins over the status. A failed
 * connection or a 5xx is retried, except for a caller's mutation: it may have taken effect.
 */
export async function postGraphQL(
  config: CheckedConfig,
  query: string,
  variables: Record<string, unknown>,
  options: { token?: string; retry?: boolean; signal?: AbortSignal | undefined } = {},
): Promise<Record<string, unknown>> {
  const token = own(options, 'token') as string | undefined
  const signal = own(options, 'signal') as AbortSignal | undefined
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (token) headers.authorization = 'Bearer ' + token
  // What this request carries that must never come back in an error: the token and the JWT.
  const secrets = [token, own(variables, 'bcToken')].filter((value): value is string => typeof value == 'string')
  const what = `B2B GraphQL ${/^\s*\w+\s+(\w+)/.exec(query)?.[1] ?? 'request'}`
  const answer = await request(
    config.graphqlEndpoint,
    // redirect 'error': a 307 or 308 would carry the body (the JWT) and the token to wherever it
    // points; the endpoint is configured, so a redirect is refused as a failed connection.
    { method: 'POST', headers, body: JSON.stringify({ query, variables }), credentials: 'omit', cache: 'no-store', redirect: 'error' },
    what,
    config.timeoutMs,
    own(options, 'retry') === false ? 0 : RETRIES,
    signal,
  )
  const status = answer.status
  let body: unknown
  try {
    // Not parseBare(): `data` is what b2bGraphQL() hands the theme, which expects ordinary
    // objects (hasOwnProperty, a template string). Every read here, and in authorize.ts and
    // sign-in.ts, is of own fields (own()), at every level.
    body = JSON.parse(answer.text)
  } catch {
    if (!answer.ok) throw httpError(what, answer)
    throw new B2BAuthError('invalid_response', `${what} answered with a body that is not JSON`, { status })
  }
  const list = own(body, 'errors')
  const errors = Array.isArray(list) ? list.map((entry) => toGraphQLError(entry, secrets)) : []
  const first = errors[0]
  if (first) {
    const code = first.code === undefined ? '' : ` (code ${first.code})`
    throw new B2BAuthError('graphql', `${what} failed: ${first.message}${code}`, { status, errors })
  }
  if (!answer.ok) throw httpError(what, answer)
  const data = own(body, 'data')
  if (!isObject(data)) {
    throw new B2BAuthError('invalid_response', `${what} answered without data`, { status })
  }
  return data
}

/**
 * One GraphQL error as the caller sees it: a server may echo what it was sent, in its message, its
 * code or anywhere else, so both are redacted (the token and the JWT of this request by value,
 * and anything shaped like one), and no other field is kept.
 */
function toGraphQLError(raw: unknown, secrets: string[]): B2BGraphQLError {
  const text = own(raw, 'message')
  const message = typeof text === 'string' ? redact(text, secrets) : 'unknown error'
  const code = own(own(raw, 'extensions'), 'code')
  if (typeof code === 'number') return { message, code }
  return typeof code === 'string' ? { message, code: redact(code, secrets) } : { message }
}
