// The two HTTP servers and their route tables. Every route of both is listed in routeTable()
// below, in the order they are tried, so a reader finds what answers a path by reading one table;
// the handlers live in storefront.ts, control-endpoints.ts and b2b-endpoint.ts.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { corsHeaders, type B2bHandlers } from './b2b-endpoint'
import type { PortalHandlers } from './buyer-portal'
import type { ControlHandlers } from './control-endpoints'
import { type Exchange, readBody, send, type SimRequest } from './exchange'
import { CURRENT_JWT_PATH } from './fixtures'
import { SERVICE_WORKER_PATH } from './service-worker'
import type { SimState } from './state'
import type { StorefrontHandlers } from './storefront'

type ServerName = 'storefront' | 'b2b'

/** Answers a request once it is logged and the sim's latency has passed. */
type Answer = () => Promise<void> | void

interface RouteMatch {
  /** The methods it answers, or ANY. */
  methods: readonly string[] | typeof ANY
  /** The exact path, or a pattern whose match (a prefix, say) is handed to `answer`. */
  path: string | RegExp
  /** Query parameters the request must have, as well as the path. */
  query?: Readonly<Record<string, string>>
  /** The route a fault target names: a queued fault is applied before the answer. */
  faultable?: true
}

type Route = RouteMatch &
  (
    | {
        /** Answers the request; `match` is what `path` matched. */
        answer: (ex: Exchange, match: string) => Promise<void> | void
      }
    | {
        /**
         * Reads the request before it is logged (the log entry and fault matching need a GraphQL
         * request's operation) and returns its answer.
         */
        plan: (ex: Exchange, raw: Buffer) => Answer
      }
  )

const ANY = 'any'
const GET_OR_HEAD = ['GET', 'HEAD']
const POST = ['POST']
const OPTIONS = ['OPTIONS']
/** Every path. */
const ALL = /^/

function routeTable(
  storefront: StorefrontHandlers,
  control: ControlHandlers,
  b2b: B2bHandlers,
  portal: PortalHandlers,
): Record<ServerName, Route[]> {
  return {
    storefront: [
      // current.jwt takes a fault whatever the method: the fault comes before the method check.
      { methods: GET_OR_HEAD, path: CURRENT_JWT_PATH, faultable: true, answer: storefront.currentJwt },
      { methods: ANY, path: CURRENT_JWT_PATH, faultable: true, answer: storefront.methodNotAllowed },

      // GET alone: a HEAD is answered 405 like every other control request that is not a POST.
      { methods: ['GET'], path: '/__sim/stats', answer: control.stats },
      { methods: POST, path: '/__sim/clear-faults', answer: control.clearFaults },
      { methods: POST, path: '/__sim/expire-tokens', answer: control.expireTokens },
      { methods: POST, path: '/__sim/fault', answer: control.fault },
      { methods: POST, path: /^\/__sim\//, answer: control.unknown },
      { methods: ANY, path: /^\/__sim\//, answer: control.postOnly },

      // With ?customer=: the sim's one-click sign-in; without, the store's sign-in page, where the
      // Buyer Portal sends the shopper after its logout.
      {
        methods: GET_OR_HEAD,
        path: '/login',
        answer: (ex) => (ex.url.searchParams.has('customer') ? storefront.signInLink(ex) : portal.signInPage(ex)),
      },
      { methods: GET_OR_HEAD, path: /^\/login\/token\//, faultable: true, answer: storefront.loginToken },
      { methods: GET_OR_HEAD, path: '/login.php', query: { action: 'logout' }, faultable: true, answer: storefront.signOutLink },
      { methods: GET_OR_HEAD, path: '/logout', answer: storefront.logout },
      { methods: GET_OR_HEAD, path: '/favicon.ico', answer: storefront.favicon },
      // A theme's cache-first service worker (service-worker.ts), for the tests that switch it on.
      { methods: GET_OR_HEAD, path: SERVICE_WORKER_PATH, answer: storefront.serviceWorker },
      // Where a theme's assets/dist is served from: the module's own folder, `stencil start`
      // (/assets/dist/) and the storefront CDN's versioned path ({{cdn}} with a theme version:
      // /stencil/<version>/dist/).
      { methods: GET_OR_HEAD, path: /^\/dist\//, answer: storefront.distFile },
      { methods: GET_OR_HEAD, path: /^\/assets\/dist\//, answer: storefront.distFile },
      { methods: GET_OR_HEAD, path: /^\/stencil\/[\w-]+\/dist\//, answer: storefront.distFile },
      // The real Buyer Portal's bundle (buyer-portal.ts), and the storefront's own GraphQL API,
      // which only the Portal asks.
      { methods: GET_OR_HEAD, path: /^\/bp\//, answer: portal.file },
      { methods: POST, path: '/graphql', answer: portal.storefrontGraphql },
      { methods: GET_OR_HEAD, path: ALL, answer: storefront.page },
      // Any other method: the storefront only serves pages and files.
      { methods: ANY, path: ALL, answer: storefront.methodNotAllowed },
    ],
    b2b: [
      // A preflight passes on any path; the request that follows gets the 404 or 405.
      { methods: OPTIONS, path: ALL, answer: b2b.preflight },
      { methods: POST, path: '/graphql', faultable: true, plan: b2b.graphql },
      { methods: ANY, path: '/graphql', answer: b2b.postOnly },
      // The Buyer Portal's REST call at start and its bc-storefront proxy (buyer-portal.ts).
      { methods: ['PUT'], path: '/api/v2/store-configs/channel-storefront-type', answer: portal.storefrontType },
      { methods: POST, path: '/api/v3/proxy/bc-storefront/graphql', plan: portal.bcProxy },
      { methods: ANY, path: ALL, answer: b2b.notFound },
    ],
  }
}

function findRoute(routes: readonly Route[], ex: Exchange): { route: Route; match: string } {
  const { method, path } = ex.entry
  for (const route of routes) {
    if (route.methods !== ANY && !route.methods.includes(method)) continue
    if (route.query && !Object.entries(route.query).every(([name, value]) => ex.url.searchParams.get(name) === value)) continue
    if (typeof route.path === 'string') {
      if (route.path === path) return { route, match: path }
      continue
    }
    const match = route.path.exec(path)
    if (match) return { route, match: match[0] }
  }
  // Each table ends with a route for every method and path.
  throw new Error(`No route for ${method} ${path}`)
}

/** The storefront and the B2B endpoint, each on its own port of 127.0.0.1 (so, another origin). */
export class SimServers {
  private readonly servers: Record<ServerName, { server: Server; sockets: Set<Socket> }>
  private readonly routes: Record<ServerName, Route[]>

  constructor(
    private readonly state: SimState,
    handlers: { storefront: StorefrontHandlers; control: ControlHandlers; b2b: B2bHandlers; portal: PortalHandlers },
  ) {
    this.routes = routeTable(handlers.storefront, handlers.control, handlers.b2b, handlers.portal)
    this.servers = { storefront: this.makeServer('storefront'), b2b: this.makeServer('b2b') }
  }

  private async handle(server: ServerName, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { log, clock, options } = this.state
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const entry: SimRequest = {
      server,
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: { ...req.headers },
      at: Date.now(),
    }
    const ex: Exchange = { server, req, res, url, entry, extraHeaders: server === 'b2b' ? corsHeaders(req) : {}, now: () => clock.now() }
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

    // Every storefront body is logged (the control endpoints read it from the entry); a B2B body
    // only by the GraphQL route's plan, which records what it parsed.
    if (server === 'storefront' && raw !== undefined && raw.length > 0) {
      const text = raw.toString('utf8')
      try {
        entry.body = JSON.parse(text)
      } catch {
        entry.body = text
      }
    }
    const { route, match } = findRoute(this.routes[server], ex)
    // A POST always has its body read above.
    const answer: Answer = 'plan' in route ? route.plan(ex, raw ?? Buffer.alloc(0)) : () => route.answer(ex, match)
    log.push(entry)
    await clock.sleep(options.latencyMs)
    if (route.faultable && (await this.state.faults.apply(ex))) return
    await answer()
  }

  private makeServer(name: ServerName): { server: Server; sockets: Set<Socket> } {
    const sockets = new Set<Socket>()
    const server = createServer((req, res) => {
      this.handle(name, req, res).catch((error: unknown) => {
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

  /** Binds the server; resolves with the port actually bound (`port` 0 picks a free one). */
  listen(name: ServerName, port: number): Promise<number> {
    const { server } = this.servers[name]
    return new Promise<number>((done, fail) => {
      server.once('error', fail)
      server.listen(port, '127.0.0.1', () => {
        server.off('error', fail)
        const address = server.address()
        done(typeof address === 'object' && address ? address.port : port)
      })
    })
  }

  /** Closes both, destroying open and hung sockets so no test waits on a request never answered. */
  async close(): Promise<void> {
    await Promise.all(
      Object.values(this.servers).map(
        ({ server, sockets }) =>
          new Promise<void>((done) => {
            if (!server.listening) return done()
            server.close(() => done())
            server.closeAllConnections()
            for (const socket of sockets) socket.destroy()
          }),
      ),
    )
  }
}
