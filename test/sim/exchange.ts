// One request to either server and its answer: what the log records of it, reading its body, and
// writing the answer. Every answer goes through send(), so the status is logged and the Date header
// follows the sim clock whatever route answered.
import type { IncomingMessage, ServerResponse } from 'node:http'

export interface SimRequest {
  server: 'storefront' | 'b2b'
  method: string
  path: string
  query: Record<string, string>
  headers: Record<string, string | string[] | undefined>
  body?: unknown
  /** GraphQL root field(s) of the executed operation, joined by ',' (e.g. 'authorization'). */
  operation?: string
  variables?: Record<string, unknown>
  /** Set once answered; stays undefined for dropped and hung requests. */
  status?: number
  /** Set when the answer could not be written: the client had gone (an aborted fetch, a page left). */
  undelivered?: true
  /** Which fault, if any, was applied to this request. */
  fault?: 'delay' | 'drop' | 'hang' | 'oversize' | 'answer' | 'headers'
  /** For an oversized answer: the body bytes written before it ended or the client went away. */
  sentBytes?: number
  /** When it arrived (Date.now() of the test process, not the sim clock): for gaps between requests. */
  at: number
}

export interface Exchange {
  server: 'storefront' | 'b2b'
  req: IncomingMessage
  res: ServerResponse
  url: URL
  entry: SimRequest
  /** Added to whatever is answered (CORS on the B2B server, a fault's headers). */
  extraHeaders: Record<string, string>
  /** The sim clock, for the Date header. */
  now: () => number
}

// Far above anything the module sends; a client that sends more is answered 413 unread.
const MAX_REQUEST_BYTES = 1024 * 1024

export function readBody(req: IncomingMessage): Promise<Buffer | 'too_large'> {
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = false
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_REQUEST_BYTES) tooLarge = true
      else chunks.push(chunk)
    })
    req.on('end', () => resolvePromise(tooLarge ? 'too_large' : Buffer.concat(chunks)))
    req.on('error', reject)
    req.on('close', () => {
      if (!req.complete) reject(new Error('request aborted'))
    })
  })
}

export function send(ex: Exchange, status: number, headers: Record<string, string>, body: string | Buffer = ''): void {
  ex.entry.status = status
  const { res } = ex
  if (res.destroyed || res.writableEnded || res.headersSent) {
    if (res.destroyed) ex.entry.undelivered = true
    return
  }
  // Set explicitly so it follows the sim clock; Node then does not add its own.
  res.setHeader('Date', new Date(ex.now()).toUTCString())
  for (const [name, value] of Object.entries({ ...headers, ...ex.extraHeaders })) res.setHeader(name, value)
  res.writeHead(status)
  res.end(ex.req.method === 'HEAD' ? undefined : body)
}

export const sendJson = (ex: Exchange, status: number, value: unknown, headers: Record<string, string> = {}) =>
  send(ex, status, { 'Content-Type': 'application/json; charset=utf-8', ...headers }, JSON.stringify(value))

/** A JSON body is checked field by field: a test sends malformed ones on purpose. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
