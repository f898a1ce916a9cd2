/**
 * A simulated BigCommerce Stencil storefront and B2B Edition GraphQL Storefront API, in-process,
 * for tests and the demo (`npm start`). Two HTTP servers on 127.0.0.1 with different ports, so the
 * page's calls to the B2B endpoint are cross-origin and go through CORS as they do in production.
 *
 * What the real endpoints do is in the project brief's shared/bigcommerce-b2b-facts.md. Where the facts say the
 * platform's behaviour is unknown, the choice made here is listed in ./assumptions.ts and marked
 * "Assumption A<n>" where it is implemented.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { extname, resolve, sep } from 'node:path'
import {
  defaultFieldResolver,
  execute,
  getOperationAST,
  GraphQLError,
  parse,
  validate,
  type DocumentNode,
  type GraphQLFieldResolver,
} from 'graphql'
import { b2bError } from './b2b-errors'
import { b2bSchema, rootFieldNames } from './b2b-schema'
import { CURRENT_JWT_PATH, SESSION_COOKIE, type SimCustomer } from './fixtures'
import { decodeUnverified, signHs256, verifyHs256 } from './jwt'
import { type ResolvedSimOptions, resolveOptions, type SimOptions } from './options'

export { B2B_ERRORS } from './b2b-errors'
export { b2bSchema } from './b2b-schema'
export {
  CURRENT_JWT_PATH,
  DEFAULT_CUSTOMERS,
  DEFAULT_DIST_DIR,
  LEGACY_CLIENT_ID,
  PORTAL_CLIENT_ID,
  SCHEMA_PATH,
  SESSION_COOKIE,
  type SimCustomer,
} from './fixtures'
export type { ResolvedSimOptions, SimOptions } from './options'

// ---------------------------------------------------------------------------------------------
// Public types

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
  /** Which fault, if any, was applied to this request. */
  fault?: 'delay' | 'drop' | 'hang' | 'oversize' | 'answer' | 'headers'
  /** When it arrived (Date.now() of the test process, not the sim clock): for gaps between requests. */
  at: number
}

/** 'login-token': /login/token/<jwt>; 'logout': /login.php?action=logout; the rest as for count(). */
export type SimTarget = 'current.jwt' | 'graphql' | 'authorization' | 'customerInfo' | 'userCompany' | 'login' | 'login-token' | 'logout'
export const SIM_TARGETS: readonly SimTarget[] = ['current.jwt', 'graphql', 'authorization', 'customerInfo', 'userCompany', 'login', 'login-token', 'logout']

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

export interface PageContext {
  /** '' for a guest, like Stencil's {{customer.id}}. */
  customerId: string
  storeHash: string
  channelId: number
  b2bUrl: string
  storefrontUrl: string
  query: URLSearchParams
}

export type PageRender = string | ((ctx: PageContext) => string)

export interface Sim {
  storefrontUrl: string
  b2bUrl: string
  options: ResolvedSimOptions
  /** Every request to either server, in order of arrival (CORS preflights included). */
  log: SimRequest[]
  /**
   * 'current.jwt': GETs of /customer/current.jwt; 'graphql': POSTs to the B2B endpoint; a string
   * starting with '/': requests whose path equals it; any other string: B2B POSTs whose operation
   * includes that root field.
   */
  count(target: SimTarget | (string & {})): number
  /** Applied to the next `times` (default 1, Infinity allowed) matching requests, FIFO. */
  fault(target: SimTarget, fault: SimFault, times?: number): void
  clearFaults(): void
  /** Starts a storefront session; returns the value for the `SHOP_SESSION_TOKEN` cookie. */
  signIn(customerId: number): string
  /** Ends one session, or all of them. */
  signOut(sessionValue?: string): void
  issuedJwts: string[]
  issuedTokens: string[]
  /** Every storefrontLoginToken the login mutation issued. */
  issuedLoginTokens: string[]
  /** Every B2B token issued so far now counts as expired (code 40101). */
  expireTokens(): void
  /**
   * Registers an HTML page. A string is a template: see fillPlaceholders(). `headers` are added to
   * the answer (a Content-Type for a script, a CSP). A page outranks a dist file of the same path.
   */
  setPage(path: string, render: PageRender, headers?: Record<string, string>): void
  /** Added to the sim's "now" (JWT iat/exp, B2B token expiry, the Date header). */
  clockOffsetMs: number
  /** Clears log, faults, sessions, issued lists, tokens and their expiry, and clockOffsetMs. Not pages. */
  reset(): void
  /** Closes both servers, destroying open and hung sockets. */
  close(): Promise<void>
}

// ---------------------------------------------------------------------------------------------
// Constants and helpers

/** The sim's own secret for B2B tokens in the 'jwt' style; nothing outside the sim verifies them. */
const B2B_TOKEN_SECRET = 'sim-b2b-token-secret'
const MAX_REQUEST_BYTES = 1024 * 1024

const ROLE_NAMES: Record<number, string> = {
  0: 'Admin',
  1: 'Senior Buyer',
  2: 'Junior Buyer',
  3: 'Super Admin',
  5: 'Custom role',
}

/** A B2B Edition user's own id, which is not the BigCommerce customer id (bcId): Assumption A11. */
const b2bUserId = (customer: { id: number }) => 1000 + customer.id

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
}

function contentTypeFor(file: string): string {
  if (file.endsWith('.d.ts')) return 'text/plain; charset=utf-8'
  return CONTENT_TYPES[extname(file)] ?? 'application/octet-stream'
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`=]/g, (c) => `&#${c.charCodeAt(0)};`)
}

/**
 * Renders the little Stencil (Handlebars) this sim knows, HTML-escaped like `{{ }}`:
 * `{{customer.id}}`, `{{settings.store_hash}}`, `{{settings.channel_id}}`, `{{b2b_url}}`,
 * `{{storefront_url}}`, and non-nested `{{#if customer.id}}…{{else}}…{{/if}}`.
 */
export function fillPlaceholders(template: string, ctx: PageContext): string {
  const values: Record<string, string> = {
    'customer.id': ctx.customerId,
    'settings.store_hash': ctx.storeHash,
    'settings.channel_id': String(ctx.channelId),
    b2b_url: ctx.b2bUrl,
    storefront_url: ctx.storefrontUrl,
  }
  return template
    .replace(/\{\{#if\s+([\w.]+)\s*\}\}([\s\S]*?)(?:\{\{else\}\}([\s\S]*?))?\{\{\/if\}\}/g, (_m, key: string, yes: string, no?: string) =>
      values[key] ? yes : (no ?? ''),
    )
    .replace(/\{\{\s*([\w.]+)\s*\}\}/g, (match, key: string) => {
      const value = values[key]
      return value === undefined ? match : escapeHtml(value)
    })
}

function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>()
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    const name = part.slice(0, eq).trim()
    if (name && !cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim())
  }
  return cookies
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too_large'> {
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

// ---------------------------------------------------------------------------------------------
// The simulator

interface IssuedToken {
  customerId: number
  channelId: number
  /** Epoch seconds, sim clock. */
  exp: number
  expired: boolean
}

interface Exchange {
  server: 'storefront' | 'b2b'
  req: IncomingMessage
  res: ServerResponse
  url: URL
  entry: SimRequest
  /** Added to whatever is answered (CORS on the B2B server, a fault's headers). */
  extraHeaders: Record<string, string>
}

interface QueuedFault {
  target: SimTarget
  fault: SimFault
  remaining: number
}

/** What a B2B POST turned out to be, worked out before faults and answering. */
type GraphQLPlan =
  | { kind: 'error'; status: number; body: unknown }
  | { kind: 'execute'; document: DocumentNode; variables: Record<string, unknown> | undefined; operationName: string | undefined }

interface GraphQLContext {
  bearer: string | undefined
}

export async function startSim(input: SimOptions = {}): Promise<Sim> {
  const schema = b2bSchema()
  const options: ResolvedSimOptions = resolveOptions(input)
  const customers = options.customers

  const log: SimRequest[] = []
  const issuedJwts: string[] = []
  const issuedTokens: string[] = []
  const issuedLoginTokens: string[] = []
  const usedLoginTokens = new Set<string>()
  const sessions = new Map<string, number>()
  const tokens = new Map<string, IssuedToken>()
  const pages = new Map<string, PageRender>()
  const pageHeaders = new Map<string, Record<string, string>>()
  let faults: QueuedFault[] = []
  const timers = new Set<NodeJS.Timeout>()
  let closed = false

  const now = () => Date.now() + sim.clockOffsetMs
  const nowSec = () => Math.floor(now() / 1000)
  const findCustomer = (id: number) => customers.find((c) => c.id === id)

  function sleep(ms: number | undefined): Promise<void> {
    if (!ms || ms <= 0 || closed) return closed ? new Promise(() => {}) : Promise.resolve()
    return new Promise((done) => {
      const timer = setTimeout(() => {
        timers.delete(timer)
        done()
      }, ms)
      timers.add(timer)
    })
  }

  function send(ex: Exchange, status: number, headers: Record<string, string>, body: string | Buffer = ''): void {
    ex.entry.status = status
    const { res } = ex
    if (res.destroyed || res.writableEnded || res.headersSent) return
    // Set explicitly so it follows the sim clock; Node then does not add its own.
    res.setHeader('Date', new Date(now()).toUTCString())
    for (const [name, value] of Object.entries({ ...headers, ...ex.extraHeaders })) res.setHeader(name, value)
    res.writeHead(status)
    res.end(ex.req.method === 'HEAD' ? undefined : body)
  }

  const sendJson = (ex: Exchange, status: number, value: unknown, headers: Record<string, string> = {}) =>
    send(ex, status, { 'Content-Type': 'application/json; charset=utf-8', ...headers }, JSON.stringify(value))

  // --- faults -------------------------------------------------------------------------------

  function matches(target: SimTarget, entry: SimRequest): boolean {
    if (target === 'current.jwt') return entry.server === 'storefront' && entry.path === CURRENT_JWT_PATH
    if (target === 'login-token') return entry.server === 'storefront' && entry.path.startsWith('/login/token/')
    if (target === 'logout') return entry.server === 'storefront' && entry.path === '/login.php' && entry.query.action === 'logout'
    if (entry.server !== 'b2b' || entry.method !== 'POST') return false
    if (target === 'graphql') return true
    return (entry.operation ?? '').split(',').includes(target)
  }

  function takeFault(entry: SimRequest): QueuedFault | undefined {
    const queued = faults.find((f) => matches(f.target, entry))
    if (!queued) return undefined
    queued.remaining -= 1
    if (queued.remaining <= 0) faults = faults.filter((f) => f !== queued)
    return queued
  }

  /** Applies the request's fault, if any; true when the fault took the request over. */
  async function applyFault(ex: Exchange): Promise<boolean> {
    const queued = takeFault(ex.entry)
    if (!queued) return false
    const { fault, target } = queued
    ex.entry.fault = 'delay'
    await sleep(fault.delayMs)
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

  async function sendOversize(ex: Exchange, bytes: number, headers: Record<string, string>): Promise<void> {
    const { res } = ex
    ex.entry.status = 200
    if (res.destroyed) return
    res.setHeader('Date', new Date(now()).toUTCString())
    for (const [name, value] of Object.entries({ ...ex.extraHeaders, ...headers })) res.setHeader(name, value)
    // No Content-Length: Node sends it chunked, so a client learns the size only by reading.
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' })
    const write = (chunk: string | Buffer) =>
      new Promise<void>((done) => {
        if (res.destroyed || res.write(chunk)) return done()
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
    if (!res.destroyed) res.end()
  }

  // --- storefront ---------------------------------------------------------------------------

  function sessionCustomer(req: IncomingMessage): SimCustomer | undefined {
    const value = parseCookies(req.headers.cookie).get(SESSION_COOKIE)
    const id = value === undefined ? undefined : sessions.get(value)
    return id === undefined ? undefined : findCustomer(id)
  }

  function notFoundPage(ex: Exchange): void {
    send(
      ex,
      404,
      { 'Content-Type': 'text/html; charset=utf-8' },
      '<!doctype html><title>Not found</title><h1>Page not found</h1><p>The page you were looking for does not exist on this simulated storefront.</p>',
    )
  }

  function safeRedirect(target: string | null): string {
    return target && target.startsWith('/') && !target.startsWith('//') && !target.includes('\\') ? target : '/'
  }

  async function handleCurrentJwt(ex: Exchange): Promise<void> {
    if (ex.req.method !== 'GET' && ex.req.method !== 'HEAD') {
      send(ex, 405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }, 'Method Not Allowed')
      return
    }
    // Deliberately cacheable (Assumption A19): a client that lets the HTTP cache answer current.jwt
    // would hand one customer's JWT (or a guest's 404) to the next session; the sim counts requests.
    const cacheHeaders = { 'Cache-Control': 'private, max-age=300' }
    const clientId = ex.url.searchParams.get('app_client_id') ?? ''
    const secret = Object.hasOwn(options.clientSecrets, clientId) ? options.clientSecrets[clientId] : undefined
    if (secret === undefined) {
      // Assumption A1: like a guest (404 with an error body), which a client must survive anyway.
      sendJson(ex, 404, { errors: [{ status: 404, title: 'Application not found', detail: 'No app with this app_client_id is installed on the store' }] }, cacheHeaders)
      return
    }
    const customer = sessionCustomer(ex.req)
    if (!customer) {
      // Documented: a guest gets 404 with an error message body (the exact body is not).
      sendJson(ex, 404, { errors: [{ status: 404, title: 'Customer not found', detail: 'No customer is signed in' }] }, cacheHeaders)
      return
    }
    const iat = nowSec()
    const jwt = signHs256(
      {
        customer: { id: customer.id, email: customer.email, group_id: customer.groupId ?? '0' },
        iss: 'bc/apps',
        sub: options.storeHash,
        iat,
        exp: iat + options.jwtLifetimeSec,
        version: 1,
        aud: clientId,
        application_id: clientId,
        store_hash: options.storeHash,
        operation: 'current_customer',
      },
      secret,
    )
    issuedJwts.push(jwt)
    if (options.currentJwtBody === 'json') sendJson(ex, 200, { token: jwt }, cacheHeaders)
    else send(ex, 200, { 'Content-Type': 'text/plain; charset=utf-8', ...cacheHeaders }, jwt)
  }

  async function handleDist(ex: Exchange, prefix: string): Promise<void> {
    let relative: string
    try {
      relative = decodeURIComponent(ex.url.pathname.slice(prefix.length))
    } catch {
      notFoundPage(ex)
      return
    }
    const root = options.distDir
    const file = resolve(root, relative)
    if (relative.includes('\0') || !file.startsWith(root + sep)) {
      notFoundPage(ex)
      return
    }
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file')
      const content = await readFile(file)
      send(ex, 200, { 'Content-Type': contentTypeFor(file), 'Cache-Control': 'no-cache' }, content)
    } catch {
      notFoundPage(ex)
    }
  }

  function pageContext(ex: Exchange): PageContext {
    const customer = sessionCustomer(ex.req)
    const channel = Number(ex.url.searchParams.get('channel'))
    return {
      customerId: customer ? String(customer.id) : '',
      storeHash: options.storeHash,
      channelId: Number.isInteger(channel) && channel > 0 ? channel : 1,
      b2bUrl: sim.b2bUrl,
      storefrontUrl: sim.storefrontUrl,
      query: new URLSearchParams(ex.url.searchParams),
    }
  }

  async function handleControl(ex: Exchange): Promise<void> {
    const path = ex.url.pathname
    const method = ex.req.method
    if (path === '/__sim/stats' && method === 'GET') {
      sendJson(ex, 200, {
        currentJwt: sim.count('current.jwt'),
        authorization: sim.count('authorization'),
        graphql: sim.count('graphql'),
        customerInfo: sim.count('customerInfo'),
        userCompany: sim.count('userCompany'),
      }, { 'Cache-Control': 'no-store' })
      return
    }
    if (method !== 'POST') {
      sendJson(ex, 405, { error: 'POST only' })
      return
    }
    if (path === '/__sim/clear-faults') {
      sim.clearFaults()
      sendJson(ex, 200, { ok: true })
    } else if (path === '/__sim/expire-tokens') {
      sim.expireTokens()
      sendJson(ex, 200, { ok: true })
    } else if (path === '/__sim/fault') {
      const body = ex.entry.body
      const target = isObject(body) ? body.target : undefined
      const fault = isObject(body) ? body.fault : undefined
      const rawTimes = isObject(body) ? body.times : undefined
      const times = rawTimes === undefined ? 1 : rawTimes === null || rawTimes === 'Infinity' ? Infinity : Number(rawTimes)
      if (typeof target !== 'string' || !(SIM_TARGETS as readonly string[]).includes(target) || !isObject(fault) || !(times > 0)) {
        sendJson(ex, 400, { error: `expected {target: ${SIM_TARGETS.join('|')}, fault: {...}, times?: number|"Infinity"}` })
        return
      }
      sim.fault(target as SimTarget, fault as SimFault, times)
      sendJson(ex, 200, { ok: true })
    } else {
      sendJson(ex, 404, { error: 'unknown control endpoint' })
    }
  }

  async function handleStorefront(ex: Exchange): Promise<void> {
    const { url, req } = ex
    const path = url.pathname
    if (path === CURRENT_JWT_PATH) {
      if (await applyFault(ex)) return
      await handleCurrentJwt(ex)
      return
    }
    if (path.startsWith('/__sim/')) return handleControl(ex)
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(ex, 405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }, 'Method Not Allowed')
      return
    }
    if (path === '/login') {
      const id = Number(url.searchParams.get('customer'))
      if (!findCustomer(id)) {
        send(ex, 400, { 'Content-Type': 'text/html; charset=utf-8' }, '<!doctype html><title>Sign in failed</title><p>No such customer in the simulated store.</p>')
        return
      }
      const value = sim.signIn(id)
      send(ex, 302, {
        Location: safeRedirect(url.searchParams.get('redirect')),
        'Set-Cookie': `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax`,
        'Cache-Control': 'no-store',
      })
      return
    }
    if (path.startsWith('/login/token/')) {
      if (await applyFault(ex)) return
      // Facts §8, the Customer Login endpoint: a JWT signed with the app's client secret, single
      // use, its iat accepted for 30 s; a bad one is redirected to /login.php, never a 4xx.
      const jwt = decodeURIComponent(path.slice('/login/token/'.length))
      const claims = verifyHs256(jwt, options.clientSecrets[options.installedClientId] ?? '')
      const customer = claims && findCustomer(Number(claims.customer_id))
      const age = typeof claims?.iat === 'number' ? nowSec() - claims.iat : Infinity
      const jti = String(claims?.jti ?? '')
      if (!claims || !customer || !(age >= 0 && age <= 30) || usedLoginTokens.has(jti) || claims.store_hash !== options.storeHash) {
        send(ex, 302, { Location: '/login.php', 'Cache-Control': 'no-store' })
        return
      }
      usedLoginTokens.add(jti)
      const value = sim.signIn(customer.id)
      send(ex, 302, {
        Location: safeRedirect(typeof claims.redirect_to === 'string' ? claims.redirect_to : '/'),
        'Set-Cookie': `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax`,
        'Cache-Control': 'no-store',
      })
      return
    }
    if (path === '/login.php' && url.searchParams.get('action') === 'logout') {
      // Stencil's own sign-out link. A fault here leaves the session signed in.
      if (await applyFault(ex)) return
      const value = parseCookies(req.headers.cookie).get(SESSION_COOKIE)
      if (value !== undefined) sessions.delete(value)
      send(ex, 302, { Location: '/', 'Set-Cookie': `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`, 'Cache-Control': 'no-store' })
      return
    }
    if (path === '/logout') {
      const value = parseCookies(req.headers.cookie).get(SESSION_COOKIE)
      if (value !== undefined) sessions.delete(value)
      send(ex, 302, {
        Location: safeRedirect(url.searchParams.get('redirect')),
        'Set-Cookie': `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`,
        'Cache-Control': 'no-store',
      })
      return
    }
    if (path === '/favicon.ico') {
      send(ex, 204, {})
      return
    }
    // A page registered under a dist path outranks the folder: a theme's own files (its webpack
    // bundle, say) sit in assets/dist beside the module's.
    if (!pages.has(path)) {
      if (path.startsWith('/dist/')) return handleDist(ex, '/dist/')
      // Where a theme's assets/dist is served from: `stencil start` (/assets/dist/) and the
      // storefront CDN's versioned path ({{cdn}} with a theme version: /stencil/<version>/dist/).
      if (path.startsWith('/assets/dist/')) return handleDist(ex, '/assets/dist/')
      const cdn = /^\/stencil\/[\w-]+\/dist\//.exec(path)
      if (cdn) return handleDist(ex, cdn[0])
    }
    const render = pages.get(path)
    if (render === undefined) {
      notFoundPage(ex)
      return
    }
    const ctx = pageContext(ex)
    const html = typeof render === 'string' ? fillPlaceholders(render, ctx) : render(ctx)
    send(ex, 200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...pageHeaders.get(path) }, html)
  }

  // --- B2B GraphQL ----------------------------------------------------------------------------

  function requireToken(ctx: GraphQLContext): { token: IssuedToken; customer: SimCustomer } {
    const token = ctx.bearer === undefined ? undefined : tokens.get(ctx.bearer)
    const customer = token && findCustomer(token.customerId)
    // Assumption A2.
    if (!token || !customer) throw b2bError('invalidToken')
    // Fact: 40101 is the expired-token code the Buyer Portal acts on. The message is the sim's.
    if (token.expired || nowSec() >= token.exp) throw b2bError('tokenExpired')
    return { token, customer }
  }

  function userType(customer: SimCustomer) {
    // Assumption A12: 0 for a B2C customer.
    const role = customer.company?.role ?? 0
    return {
      id: String(b2bUserId(customer)),
      createdAt: 1_700_000_000,
      updatedAt: 1_700_000_000,
      firstName: customer.firstName,
      lastName: customer.lastName,
      email: customer.email,
      phone: null,
      bcId: customer.id,
      role,
      masqueradingCompanyId: null,
      uuid: null,
      extraFields: [],
      companyRoleId: customer.company ? role : null,
      companyRoleName: customer.company ? (ROLE_NAMES[role] ?? 'Custom role') : null,
      companyInfo: customer.company
        ? {
            companyId: String(customer.company.id),
            companyName: customer.company.name,
            companyAddress: '1 Industrial Way',
            companyCountry: 'United States',
            companyState: 'Texas',
            companyCity: 'Austin',
            companyZipCode: '78701',
            phoneNumber: null,
            bcId: customer.groupId ?? '0',
          }
        : null,
    }
  }

  /**
   * Facts §3: both mutations refuse an inactive company, and a pending one under a store setting
   * (Assumption A8); a rejected one is let in (Assumption A9), as is a pending one otherwise.
   */
  function refuseCompany(customer: SimCustomer): void {
    const status = customer.company?.status
    if (status === 3) throw b2bError('companyInactive')
    if (status === 0 && options.refusePendingCompanies) throw b2bError('companyPending')
  }

  function issueToken(customer: SimCustomer, channelId: number): string {
    const iat = nowSec()
    const exp = iat + options.tokenLifetimeSec
    const token =
      options.tokenStyle === 'jwt'
        ? signHs256(
            { bc_customer_id: customer.id, store_hash: options.storeHash, channel_id: channelId, iat, exp, jti: randomUUID() },
            B2B_TOKEN_SECRET,
          )
        : randomBytes(20).toString('hex')
    tokens.set(token, { customerId: customer.id, channelId, exp, expired: false })
    issuedTokens.push(token)
    return token
  }

  const resolvers: Record<string, (args: Record<string, unknown>, ctx: GraphQLContext) => unknown> = {
    authorization(args) {
      const authData = isObject(args.authData) ? args.authData : {}
      const bcToken = typeof authData.bcToken === 'string' ? authData.bcToken : ''
      const channelId = typeof authData.channelId === 'number' ? authData.channelId : 1
      // Assumption A3: the checks run in PyJWT's order (signature, then expiry). A JWT for an app
      // the API does not accept (facts §2: which one a store accepts varies) fails its signature.
      if (!decodeUnverified(bcToken)) throw b2bError('malformed')
      const aud = decodeUnverified(bcToken)?.claims.aud
      const accepted = typeof aud === 'string' && options.acceptedClientIds.includes(aud) ? options.clientSecrets[aud] : undefined
      const claims = accepted === undefined ? undefined : verifyHs256(bcToken, accepted)
      if (!claims) throw b2bError('signature')
      if (typeof claims.exp !== 'number' || nowSec() >= claims.exp) throw b2bError('jwtExpired')
      // Assumption A5.
      if (claims.store_hash !== options.storeHash) throw b2bError('wrongStore')
      const channel = options.channels[channelId]
      // Assumption A6.
      if (!channel) throw b2bError('unknownChannel')
      // Fact (facts §3): this message is documented; its code is the sim's (Assumption A7).
      if (!channel.live) throw b2bError('notLive')
      const claimedCustomer = isObject(claims.customer) ? claims.customer : {}
      const customer = findCustomer(Number(claimedCustomer.id))
      if (!customer) throw b2bError('unknownCustomer')
      refuseCompany(customer)
      const token = issueToken(customer, channelId)
      return {
        result: { token, user: userType(customer), loginType: 1, storefrontLoginToken: null, permissions: [] },
      }
    },

    login(args) {
      const loginData = isObject(args.loginData) ? args.loginData : {}
      const channelId = typeof loginData.channelId === 'number' ? loginData.channelId : 1
      if (loginData.storeHash !== options.storeHash) throw b2bError('wrongStore')
      const channel = options.channels[channelId]
      if (!channel) throw b2bError('unknownChannel')
      if (!channel.live) throw b2bError('notLive')
      const customer = customers.find((c) => c.email === loginData.email)
      if (!customer || customer.password === undefined || customer.password !== loginData.password) throw b2bError('badCredentials')
      refuseCompany(customer)
      const token = issueToken(customer, channelId)
      // The storefront login JWT (BigCommerce's Customer Login API): Assumption A17.
      const iat = nowSec()
      const storefrontLoginToken = signHs256(
        {
          iss: options.installedClientId,
          iat,
          jti: randomUUID(),
          operation: 'customer_login',
          store_hash: options.storeHash,
          customer_id: customer.id,
          channel_id: channelId,
          redirect_to: typeof loginData.redirectUrl === 'string' ? loginData.redirectUrl : '/',
        },
        options.clientSecrets[options.installedClientId] ?? '',
      )
      issuedLoginTokens.push(storefrontLoginToken)
      return {
        result: {
          token,
          storefrontLoginToken,
          user: { ...userType(customer), bcId: customer.id },
          loginType: 2,
          permissions: [],
        },
      }
    },

    customerInfo(_args, ctx) {
      const { customer } = requireToken(ctx)
      // Assumptions A12, A20.
      const role = customer.company?.role ?? 0
      return {
        userType: customer.company ? 3 : 2,
        permissions: [],
        userInfo: {
          id: b2bUserId(customer),
          email: customer.email,
          firstName: customer.firstName,
          lastName: customer.lastName,
          phoneNumber: null,
          role,
          companyRoleId: customer.company ? role : null,
          companyRoleName: customer.company ? (ROLE_NAMES[role] ?? 'Custom role') : null,
          forcePasswordReset: false,
        },
      }
    },

    userCompany(args, ctx) {
      const { customer } = requireToken(ctx)
      // Assumptions A14, A13.
      if (args.userId !== b2bUserId(customer)) throw b2bError('permission')
      if (customer.company?.role === 3) throw b2bError('permission')
      // Assumption A15.
      const company = customer.company
      if (!company) return null
      return {
        id: String(company.id),
        companyName: company.name,
        companyStatus: company.status,
        bcGroupName: `${company.name} group`,
        description: '',
        catalogId: null,
        addressLine1: '1 Industrial Way',
        addressLine2: '',
        city: 'Austin',
        state: 'Texas',
        zipCode: '78701',
        country: 'United States',
        extraFields: [],
        customerGroupId: Number(customer.groupId ?? '0'),
      }
    },
  }

  const fieldResolver: GraphQLFieldResolver<unknown, GraphQLContext> = (source, args, ctx, info) => {
    if (info.parentType === schema.getQueryType() || info.parentType === schema.getMutationType()) {
      const resolver = Object.hasOwn(resolvers, info.fieldName) ? resolvers[info.fieldName] : undefined
      if (!resolver) throw b2bError('notImplemented')
      return resolver(args, ctx)
    }
    return defaultFieldResolver(source, args, ctx, info)
  }

  /** Works out what a B2B POST asks for, without answering: the log and faults need the operation. */
  function planGraphQL(ex: Exchange, raw: Buffer): GraphQLPlan {
    const text = raw.toString('utf8')
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch (error) {
      ex.entry.body = text
      return { kind: 'error', status: 400, body: { errors: [{ message: `Invalid JSON body: ${(error as Error).message}` }] } }
    }
    ex.entry.body = body
    if (!isObject(body) || typeof body.query !== 'string') {
      return { kind: 'error', status: 400, body: { errors: [{ message: 'Must provide query string.' }] } }
    }
    const variables = isObject(body.variables) ? body.variables : undefined
    if (variables) ex.entry.variables = variables
    if (body.variables !== undefined && body.variables !== null && !variables) {
      return { kind: 'error', status: 400, body: { errors: [{ message: 'Variables must be provided as an Object.' }] } }
    }
    const operationName = typeof body.operationName === 'string' ? body.operationName : undefined
    let document: DocumentNode
    try {
      document = parse(body.query)
    } catch (error) {
      const errors = error instanceof GraphQLError ? [error.toJSON()] : [{ message: String(error) }]
      return { kind: 'error', status: 400, body: { errors } }
    }
    const operation = getOperationAST(document, operationName)
    if (operation) ex.entry.operation = rootFieldNames(document, operation).join(',')
    const errors = validate(schema, document)
    if (errors.length > 0) return { kind: 'error', status: 400, body: { errors: errors.map((e) => e.toJSON()) } }
    return { kind: 'execute', document, variables, operationName }
  }

  async function answerGraphQL(ex: Exchange, plan: GraphQLPlan): Promise<void> {
    if (await applyFault(ex)) return
    if (plan.kind === 'error') {
      sendJson(ex, plan.status, plan.body)
      return
    }
    const authorization = ex.req.headers.authorization ?? ''
    const bearer = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1]
    const result = await execute({
      schema,
      document: plan.document,
      variableValues: plan.variables ?? null,
      operationName: plan.operationName ?? null,
      contextValue: { bearer } satisfies GraphQLContext,
      fieldResolver,
    })
    // Fact: the real API answers GraphQL errors in a 200 body. A request that never ran (bad
    // variables) has no `data` and gets 400 (Assumption A18).
    sendJson(ex, 'data' in result ? 200 : 400, result)
  }

  // --- servers --------------------------------------------------------------------------------

  function corsHeaders(req: IncomingMessage): Record<string, string> {
    const origin = req.headers.origin
    return { 'Access-Control-Allow-Origin': origin ?? '*', Vary: 'Origin' }
  }

  async function handle(server: 'storefront' | 'b2b', req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const entry: SimRequest = {
      server,
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: { ...req.headers },
      at: Date.now(),
    }
    const ex: Exchange = { server, req, res, url, entry, extraHeaders: server === 'b2b' ? corsHeaders(req) : {} }
    const hasBody = req.method === 'POST' || req.method === 'PUT' || req.method === 'PATCH'
    let raw: Buffer | undefined
    if (hasBody) {
      const read = await readBody(req)
      if (read === 'too_large') {
        log.push(entry)
        send(ex, 413, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' }, 'Payload Too Large')
        return
      }
      raw = read
    } else {
      req.resume()
    }

    if (server === 'storefront') {
      if (raw !== undefined && raw.length > 0) {
        const text = raw.toString('utf8')
        try {
          entry.body = JSON.parse(text)
        } catch {
          entry.body = text
        }
      }
      log.push(entry)
      await sleep(options.latencyMs)
      await handleStorefront(ex)
      return
    }

    if (req.method === 'OPTIONS') {
      log.push(entry)
      await sleep(options.latencyMs)
      // A public API's preflight. No Access-Control-Allow-Credentials: a credentialed request
      // (cookies) fails CORS in the browser, as it should since the client must never send them.
      send(ex, 204, {
        'Access-Control-Allow-Methods': 'POST, OPTIONS',
        'Access-Control-Allow-Headers': 'content-type, authorization',
        'Access-Control-Max-Age': '600',
      })
      return
    }
    if (url.pathname !== '/graphql') {
      log.push(entry)
      await sleep(options.latencyMs)
      sendJson(ex, 404, { errors: [{ message: 'Not Found' }] })
      return
    }
    if (req.method !== 'POST' || raw === undefined) {
      log.push(entry)
      await sleep(options.latencyMs)
      sendJson(ex, 405, { errors: [{ message: 'Only POST is supported' }] }, { Allow: 'POST, OPTIONS' })
      return
    }
    // Planned before logging: the log entry and fault matching need the operation.
    const plan = planGraphQL(ex, raw)
    log.push(entry)
    await sleep(options.latencyMs)
    await answerGraphQL(ex, plan)
  }

  function makeServer(name: 'storefront' | 'b2b'): { server: Server; sockets: Set<Socket> } {
    const sockets = new Set<Socket>()
    const server = createServer((req, res) => {
      handle(name, req, res).catch((error: unknown) => {
        if (res.destroyed || res.headersSent) return
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' })
        res.end(`Simulator error: ${(error as Error)?.message ?? String(error)}`)
      })
    })
    server.on('connection', (socket) => {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
    })
    return { server, sockets }
  }

  const listen = (server: Server, port: number) =>
    new Promise<number>((done, fail) => {
      server.once('error', fail)
      server.listen(port, '127.0.0.1', () => {
        server.off('error', fail)
        const address = server.address()
        done(typeof address === 'object' && address ? address.port : port)
      })
    })

  const storefront = makeServer('storefront')
  const b2b = makeServer('b2b')

  const sim: Sim = {
    storefrontUrl: '',
    b2bUrl: '',
    options,
    log,
    clockOffsetMs: 0,
    issuedJwts,
    issuedTokens,
    issuedLoginTokens,

    count(target) {
      if (target === 'current.jwt') return log.filter((e) => e.server === 'storefront' && e.method === 'GET' && e.path === CURRENT_JWT_PATH).length
      if (target === 'graphql') return log.filter((e) => e.server === 'b2b' && e.method === 'POST').length
      if (target === 'login-token') return log.filter((e) => e.server === 'storefront' && e.path.startsWith('/login/token/')).length
      if (target.startsWith('/')) return log.filter((e) => e.path === target).length
      return log.filter((e) => e.server === 'b2b' && e.method === 'POST' && (e.operation ?? '').split(',').includes(target)).length
    },

    fault(target, fault, times = 1) {
      if (!SIM_TARGETS.includes(target)) throw new Error(`Unknown fault target "${String(target)}"`)
      if (!(times > 0)) throw new Error('times must be positive (Infinity allowed)')
      faults.push({ target, fault: { ...fault }, remaining: times })
    },

    clearFaults() {
      faults = []
    },

    signIn(customerId) {
      if (!findCustomer(customerId)) throw new Error(`No customer ${customerId} in the simulated store`)
      const value = randomBytes(16).toString('hex')
      sessions.set(value, customerId)
      return value
    },

    signOut(sessionValue) {
      if (sessionValue === undefined) sessions.clear()
      else sessions.delete(sessionValue)
    },

    expireTokens() {
      for (const token of tokens.values()) token.expired = true
    },

    setPage(path, render, headers) {
      pages.set(path, render)
      if (headers) pageHeaders.set(path, headers)
      else pageHeaders.delete(path)
    },

    reset() {
      log.length = 0
      issuedJwts.length = 0
      issuedTokens.length = 0
      issuedLoginTokens.length = 0
      usedLoginTokens.clear()
      faults = []
      sessions.clear()
      tokens.clear()
      sim.clockOffsetMs = 0
    },

    async close() {
      if (closed) return
      closed = true
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
      await Promise.all(
        [storefront, b2b].map(
          ({ server, sockets }) =>
            new Promise<void>((done) => {
              if (!server.listening) return done()
              server.close(() => done())
              server.closeAllConnections()
              for (const socket of sockets) socket.destroy()
            }),
        ),
      )
    },
  }

  try {
    options.storefrontPort = await listen(storefront.server, options.storefrontPort)
    options.b2bPort = await listen(b2b.server, options.b2bPort)
  } catch (error) {
    await sim.close()
    throw error
  }
  sim.storefrontUrl = `http://127.0.0.1:${options.storefrontPort}`
  sim.b2bUrl = `http://127.0.0.1:${options.b2bPort}/graphql`
  return sim
}
