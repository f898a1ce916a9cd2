import { B2BAuthError } from './errors'

/** No real answer of either endpoint comes near this; a bigger one is refused unread. */
export const MAX_BODY_BYTES = 64 * 1024

export interface Answer {
  status: number
  ok: boolean
  headers: Headers
  text: string
}

/**
 * fetch and read the body as text, under one deadline: a server that sends headers and then
 * stalls times out too. The flow is shared by every caller on the page, so the deadline is its
 * own rather than any one caller's signal.
 */
export async function request(url: string, init: RequestInit, what: string, timeoutMs: number): Promise<Answer> {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), timeoutMs)
  let status: number | undefined
  try {
    const response = await fetch(url, { ...init, signal: controller.signal })
    status = response.status
    const text = await readLimited(response, what)
    return { status, ok: response.ok, headers: response.headers, text }
  } catch (cause) {
    if (cause instanceof B2BAuthError) throw cause
    const details = status === undefined ? { cause } : { cause, status }
    if (controller.signal.aborted) {
      throw new B2BAuthError('timeout', `${what} took longer than ${timeoutMs} ms`, details)
    }
    throw new B2BAuthError(
      'network',
      status === undefined
        ? `${what} failed before any answer (offline, DNS, or refused by CORS)`
        : `${what} was cut off while answering`,
      details,
    )
  } finally {
    clearTimeout(timer)
  }
}

async function readLimited(response: Response, what: string): Promise<string> {
  const tooLarge = () =>
    new B2BAuthError('too_large', `${what} answered with more than ${MAX_BODY_BYTES} bytes`, {
      status: response.status,
    })
  const reader = response.body?.getReader()
  if (!reader) return ''
  if (Number(response.headers.get('content-length')) > MAX_BODY_BYTES) {
    void reader.cancel().catch(() => {})
    throw tooLarge()
  }
  const decoder = new TextDecoder()
  let text = ''
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return text + decoder.decode()
    size += value.byteLength
    if (size > MAX_BODY_BYTES) {
      void reader.cancel().catch(() => {})
      throw tooLarge()
    }
    text += decoder.decode(value, { stream: true })
  }
}
