import type { Settings } from './settings'
import { B2BAuthError, type B2BGraphQLError } from './errors'
import { httpError, request } from './http'
import { isObject } from './jwt'
import { redact } from './secrets'

/**
 * POSTs one GraphQL document to the B2B endpoint and returns `data`. The endpoint is cross-origin
 * and authenticates by bearer token only, so no cookies go along. Its errors come as JSON whatever
 * the HTTP status (the Buyer Portal reads them so too): `errors` wins over the status. A failed
 * connection or a 5xx is retried, except for a caller's mutation: it may have taken effect.
 */
export async function postGraphQL(
  config: Settings,
  query: string,
  variables: Record<string, unknown>,
  { token, retry = true, signal }: { token?: string; retry?: boolean; signal?: AbortSignal | undefined } = {},
): Promise<Record<string, unknown>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (token) headers.authorization = 'Bearer ' + token
  const operation = /^\s*\w+\s+(\w+)/.exec(query)?.[1] ?? 'GraphQL request'
  const what = `B2B GraphQL ${operation}`
  const answer = await request(
    config.graphqlEndpoint,
    // redirect 'error': a 307 or 308 would carry the body (the JWT) and the token to wherever it
    // points; the endpoint is configured, so a redirect is refused as a failed connection.
    { method: 'POST', headers, body: JSON.stringify({ query, variables }), credentials: 'omit', cache: 'no-store', redirect: 'error' },
    what,
    config.timeoutMs,
    retry ? { signal } : { retries: 0, signal },
  )
  const status = answer.status
  let body: unknown
  try {
    body = JSON.parse(answer.text)
  } catch {
    if (!answer.ok) throw httpError(what, answer)
    throw new B2BAuthError('invalid_response', `${what} answered with a body that is not JSON`, { status })
  }
  const errors = isObject(body) && Array.isArray(body.errors) ? body.errors.map(toGraphQLError) : []
  const first = errors[0]
  if (first) {
    const code = first.code === undefined ? '' : ` (code ${first.code})`
    throw new B2BAuthError('graphql', `${what} failed: ${first.message}${code}`, { status, errors })
  }
  if (!answer.ok) throw httpError(what, answer)
  if (!isObject(body) || !isObject(body.data)) {
    throw new B2BAuthError('invalid_response', `${what} answered without data`, { status })
  }
  return body.data
}

function toGraphQLError(raw: unknown): B2BGraphQLError {
  const entry = isObject(raw) ? raw : {}
  const message = typeof entry.message === 'string' ? redact(entry.message) : 'unknown error'
  const code = isObject(entry.extensions) ? entry.extensions.code : undefined
  return typeof code === 'string' || typeof code === 'number' ? { message, code } : { message }
}
