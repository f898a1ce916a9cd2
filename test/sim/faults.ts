// Faults a test injects into the sim's answers: a delay, a dropped or hung socket, an answer of
// its own, extra headers, an oversized body. Queued per target and taken FIFO, so a test can say
// "the next two authorizations fail" without knowing what else the page asks.
import type { SimClock } from './clock'
import { type Exchange, send, type SimRequest } from './exchange'
import { CURRENT_JWT_PATH } from './fixtures'

/** 'login-token': /login/token/<jwt>; 'logout': /login.php?action=logout; the rest as for count(). */
export type SimTarget = 'current.jwt' | 'graphql' | 'authorization' | 'customerInfo' | 'userCompany' | 'login' | 'login-token' | 'logout'
export const SIM_TARGETS: readonly SimTarget[] = [
  'current.jwt',
  'graphql',
  'authorization',
  'customerInfo',
  'userCompany',
  'login',
  'login-token',
  'logout',
]

/** A promise for SimFault.until, and the function that settles it. */
export function gate(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {}
  const promise = new Promise<void>((done) => (resolve = done))
  return { promise, resolve }
}

export interface SimFault {
  delayMs?: number | undefined
  /**
   * Holds the answer (after delayMs) until this settles: a state a test looks at stays as long as
   * the test needs, however slow the machine, and ends when the test says.
   */
  until?: Promise<unknown> | undefined
  /** Called when the fault takes a request, before any delay or `until`: a held request has arrived. */
  onTaken?: ((request: SimRequest) => void) | undefined
  status?: number | undefined
  /** The answer's body; a function builds it from the request (to echo what was sent, say). */
  body?: string | ((request: SimRequest) => string) | undefined
  contentType?: string | undefined
  /** Extra headers. With neither status nor body they are added to the normal answer. */
  headers?: Record<string, string> | undefined
  /** Destroy the socket without answering. */
  drop?: boolean | undefined
  /** Never answer (until close()). */
  hang?: boolean | undefined
  /** Answer 200 with a body this many bytes long, chunked, without content-length. */
  oversizeBytes?: number | undefined
}

interface QueuedFault {
  target: SimTarget
  fault: SimFault
  remaining: number
}

function matches(target: SimTarget, entry: SimRequest): boolean {
  if (target === 'current.jwt') return entry.server === 'storefront' && entry.path === CURRENT_JWT_PATH
  if (target === 'login-token') return entry.server === 'storefront' && entry.path.startsWith('/login/token/')
  if (target === 'logout') return entry.server === 'storefront' && entry.path === '/login.php' && entry.query.action === 'logout'
  if (entry.server !== 'b2b' || entry.method !== 'POST') return false
  if (target === 'graphql') return true
  return (entry.operation ?? '').split(',').includes(target)
}

export class FaultQueue {
  private faults: QueuedFault[] = []

  constructor(private readonly clock: SimClock) {}

  add(target: SimTarget, fault: SimFault, times: number): void {
    if (!SIM_TARGETS.includes(target)) throw new Error(`Unknown fault target "${String(target)}"`)
    if (!(times > 0)) throw new Error('times must be positive (Infinity allowed)')
    // Copied: the test may reuse its object for another fault.
    this.faults.push({ target, fault: { ...fault }, remaining: times })
  }

  clear(): void {
    this.faults = []
  }

  private take(entry: SimRequest): QueuedFault | undefined {
    const queued = this.faults.find((f) => matches(f.target, entry))
    if (!queued) return undefined
    queued.remaining -= 1
    if (queued.remaining <= 0) this.faults = this.faults.filter((f) => f !== queued)
    return queued
  }

  /**
   * Applies the request's fault, if any; true when the fault took the request over. Called by the
   * routes a target names, after the request is logged, so a fault sees the logged entry.
   */
  async apply(ex: Exchange): Promise<boolean> {
    const queued = this.take(ex.entry)
    if (!queued) return false
    const { fault, target } = queued
    ex.entry.fault = 'delay'
    fault.onTaken?.(ex.entry)
    await this.clock.sleep(fault.delayMs)
    await fault.until
    if (fault.drop) {
      ex.entry.fault = 'drop'
      ex.req.socket.destroy()
      return true
    }
    if (fault.hang) {
      // Never answered; close() destroys the socket.
      ex.entry.fault = 'hang'
      return true
    }
    const faultHeaders = fault.headers ?? {}
    if (ex.server === 'b2b' && Object.keys(faultHeaders).length > 0) {
      // So a page may read e.g. Retry-After cross-origin.
      ex.extraHeaders['Access-Control-Expose-Headers'] = Object.keys(faultHeaders).join(', ')
    }
    if (fault.oversizeBytes !== undefined) {
      ex.entry.fault = 'oversize'
      await sendOversize(ex, fault.oversizeBytes, faultHeaders)
      return true
    }
    if (fault.status !== undefined || fault.body !== undefined) {
      ex.entry.fault = 'answer'
      const contentType = fault.contentType ?? (target === 'current.jwt' ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8')
      const body = typeof fault.body == 'function' ? fault.body(ex.entry) : (fault.body ?? '')
      send(ex, fault.status ?? 200, { 'Content-Type': contentType, 'Cache-Control': 'no-store', ...faultHeaders }, body)
      return true
    }
    if (Object.keys(faultHeaders).length > 0) {
      ex.entry.fault = 'headers'
      Object.assign(ex.extraHeaders, faultHeaders)
    } else if (!fault.delayMs && !fault.until) {
      delete ex.entry.fault
    }
    return false
  }
}

async function sendOversize(ex: Exchange, bytes: number, headers: Record<string, string>): Promise<void> {
  const { res } = ex
  ex.entry.status = 200
  if (res.destroyed) return
  res.setHeader('Date', new Date(ex.now()).toUTCString())
  for (const [name, value] of Object.entries({ ...ex.extraHeaders, ...headers })) res.setHeader(name, value)
  // No Content-Length: Node sends it chunked, so a client learns the size only by reading.
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' })
  let written = 0
  const write = (chunk: string | Buffer) =>
    new Promise<void>((done) => {
      if (res.destroyed) return done()
      written += chunk.length
      if (res.write(chunk)) return done()
      res.once('drain', done)
      res.once('close', done)
    })
  // JSON-ish: {"data":{"filler":"xxxx…"}} when there is room for the frame, else only filler.
  const head = '{"data":{"filler":"'
  const tail = '"}}'
  const framed = bytes >= head.length + tail.length
  if (framed) await write(head)
  const filler = Buffer.alloc(64 * 1024, 'x')
  let left = framed ? bytes - head.length - tail.length : bytes
  while (left > 0 && !res.destroyed) {
    const size = Math.min(filler.length, left)
    left -= size
    await write(filler.subarray(0, size))
  }
  if (framed) await write(tail)
  ex.entry.sentBytes = written
  if (!res.destroyed) res.end()
}
