import { B2BAuthError } from '../core/errors'
import { ownCopy } from '../core/own'

/** No real answer of either endpoint comes near this; a bigger one is refused. */
export const MAX_BODY_CHARS = 64 * 1024
/** Retries after the first attempt, for network errors, 5xx and 429 only. */
export const RETRIES = 2
const BACKOFF_MS = 300
/** A Retry-After longer than this is not waited for inside a call: the cooldown takes over. */
export const MAX_RETRY_WAIT_MS = 5_000

export interface Answer {
  status: number
  ok: boolean
  headers: Headers
  text: string
  /** The Retry-After header in ms, when there was a valid one. */
  retryAfterMs: number | undefined
}

/**
 * fetch and read the body as text under a deadline per attempt, retrying what a retry can fix:
 * a connection that failed, a 5xx or a 429 (after its Retry-After), with exponential backoff and
 * jitter. 4xx answers and GraphQL errors are answers, not retried. The flow is shared by every
 * caller on the page, so deadlines are its own rather than any one caller's signal.
 */
export async function request(
  url: string,
  init: RequestInit,
  what: string,
  timeoutMs: number,
  retries = RETRIES,
  signal?: AbortSignal,
): Promise<Answer> {
  for (let attempt = 0; ; attempt++) {
    let answer: Answer | undefined
    let failure: unknown
    try {
      answer = await once(url, init, what, timeoutMs, signal)
    } catch (error) {
      failure = error
    }
    const retryable = answer ? answer.status >= 500 || answer.status === 429 : (failure as B2BAuthError).code === 'network'
    const wait = answer?.retryAfterMs ?? BACKOFF_MS * 2 ** attempt * (0.5 + Math.random() / 2)
    if (!retryable || attempt >= retries || wait > MAX_RETRY_WAIT_MS) {
      if (answer) return answer
      throw failure
    }
    await new Promise((resolve) => setTimeout(resolve, wait))
  }
}

/** An error for an answer whose status the caller cannot use. */
export function httpError(what: string, answer: Answer): B2BAuthError {
  const details = answer.retryAfterMs === undefined ? {} : { retryAfterMs: answer.retryAfterMs }
  return new B2BAuthError('http', `${what} answered HTTP ${answer.status}`, { status: answer.status, ...details })
}

async function once(url: string, init: RequestInit, what: string, timeoutMs: number, signal?: AbortSignal): Promise<Answer> {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), timeoutMs)
  const onAbort = () => controller.abort()
  signal?.addEventListener('abort', onAbort)
  let status: number | undefined
  try {
    // Without a prototype: fetch reads every RequestInit member, inherited ones too (a polluted
    // Object.prototype.redirect or .headers must not reach the request).
    const response = await fetch(url, ownCopy({ ...init, signal: controller.signal }))
    status = response.status
    const text = await readCapped(response, what)
    return { status, ok: response.ok, headers: response.headers, text, retryAfterMs: retryAfter(response.headers) }
  } catch (cause) {
    if (cause instanceof B2BAuthError) throw cause
    if (signal?.aborted) throw new B2BAuthError('aborted', `${what} was aborted by its caller`, { cause })
    throw new B2BAuthError(
      controller.signal.aborted ? 'timeout' : 'network',
      controller.signal.aborted
        ? `${what} took over ${timeoutMs} ms`
        : `${what} failed (${status ? 'connection cut off' : 'offline, DNS, CORS or a redirect?'})`,
      status ? { cause, status } : { cause },
    )
  } finally {
    clearTimeout(timer)
    signal?.removeEventListener('abort', onAbort)
  }
}

/**
 * The body as text, read as a stream and cancelled once past MAX_BODY_CHARS: a proxy or captive
 * portal streaming megabytes, with or without a Content-Length, is not read whole.
 */
async function readCapped(response: Response, what: string): Promise<string> {
  const reader = response.body?.getReader()
  const decoder = new TextDecoder()
  let text = ''
  for (let chunk; reader && !(chunk = await reader.read()).done;) {
    text += decoder.decode(chunk.value, { stream: true })
    if (text.length > MAX_BODY_CHARS) {
      void reader.cancel().catch(() => {})
      throw new B2BAuthError('too_large', `${what} answered with over ${MAX_BODY_CHARS} bytes`, { status: response.status })
    }
  }
  return text + decoder.decode()
}

/** Retry-After as delay-seconds or an HTTP date, in ms; undefined when absent or unreadable. */
export function retryAfter(headers: Headers): number | undefined {
  const value = headers.get('retry-after')?.trim()
  if (!value) return undefined
  const ms = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value) - Date.now()
  return Number.isNaN(ms) ? undefined : Math.max(0, ms)
}
