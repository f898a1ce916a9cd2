import { B2BAuthError } from './errors'

/** No real answer of either endpoint comes near this; a bigger one is refused. */
export const MAX_BODY_CHARS = 64 * 1024

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
    const tooLarge = () => new B2BAuthError('too_large', `${what} answered with over ${MAX_BODY_CHARS} bytes`, { status: response.status })
    // A declared size is refused unread; an undeclared one once read (the deadline bounds it).
    if (Number(response.headers.get('content-length')) > MAX_BODY_CHARS) {
      void response.body?.cancel().catch(() => {})
      throw tooLarge()
    }
    const text = await response.text()
    if (text.length > MAX_BODY_CHARS) throw tooLarge()
    return { status, ok: response.ok, headers: response.headers, text }
  } catch (cause) {
    if (cause instanceof B2BAuthError) throw cause
    throw new B2BAuthError(
      controller.signal.aborted ? 'timeout' : 'network',
      controller.signal.aborted
        ? `${what} took over ${timeoutMs} ms`
        : `${what} failed (${status ? 'connection cut off' : 'offline, DNS or CORS?'})`,
      status ? { cause, status } : { cause },
    )
  } finally {
    clearTimeout(timer)
  }
}
