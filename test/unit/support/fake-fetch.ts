import { vi } from 'vitest'

export interface SentRequest {
  url: URL
  method: string
  headers: Headers
  credentials: RequestCredentials | undefined
  cache: RequestCache | undefined
  redirect: RequestRedirect | undefined
  body: any
}

type Reply = Response | Promise<Response> | (() => Response | Promise<Response>)
type Route = (request: SentRequest) => Reply | undefined

/**
 * Replaces fetch, the platform edge, with a router; records what was sent. An unrouted request
 * fails the test loudly rather than reaching any network.
 */
export function fakeFetch(route: Route) {
  const sent: SentRequest[] = []
  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const request: SentRequest = {
      url: new URL(String(input)),
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      credentials: init.credentials,
      cache: init.cache,
      redirect: init.redirect,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    }
    sent.push(request)
    init.signal?.throwIfAborted()
    const reply = route(request)
    if (!reply) throw new Error(`unrouted request in a unit test: ${request.method} ${request.url}`)
    const response = typeof reply === 'function' ? reply() : reply
    if (!init.signal) return response
    return Promise.race([
      response,
      new Promise<never>((_, reject) => init.signal!.addEventListener('abort', () => reject(init.signal!.reason))),
    ])
  })
  vi.stubGlobal('fetch', fetch)
  const count = (path: string) => sent.filter((r) => r.url.pathname === path).length
  return { sent, count }
}

export const text = (body: string, status = 200, headers: Record<string, string> = {}) =>
  new Response(body, { status, headers: { 'content-type': 'text/plain', ...headers } })

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } })

export const tokenAnswer = (token: unknown) => json({ data: { authorization: { result: { token } } } })

export const never = () => new Promise<Response>(() => {})
