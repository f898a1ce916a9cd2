// The bench's storefront pages: the module's, the two baselines', and the real Buyer Portal beside
// them, registered on the simulator; and whose request a log entry is when both are on a page.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import type { PageContext, Sim } from '../test/sim'

export type Contender = 'stencil-b2b-auth' | 'naive' | 'session-storage'
export type PortalWindow = { b2b?: { utils?: { user?: { getB2BToken(): string } } } }
const baseline = (name: string) => readFileSync(join('bench/baselines', `${name}.js`), 'utf8')

/**
 * A storefront page. `result` resolves with the token and the ms from the start of the contender's
 * code: for the module, the moment its file had arrived (its Resource Timing responseEnd), so that
 * compiling and evaluating it count but the simulated latency of fetching it does not; for a
 * baseline, the moment before its inline code runs.
 */
function page(ctx: PageContext, contender: Contender | 'none', hint = true, portal = false): string {
  const head = `<script>window.longTasks=[];new PerformanceObserver(l=>window.longTasks.push(...l.getEntries().map(e=>e.duration))).observe({type:'longtask',buffered:true})</script>`
  const start = `<script type="module">window.tModule=performance.now()</script>`
  const since =
    contender === 'stencil-b2b-auth'
      ? `(performance.getEntriesByName(new URL('/dist/stencil-b2b-auth.js',location.href).href)[0]?.responseEnd??window.tModule)`
      : 'window.tModule'
  const done = `window.result=new Promise(r=>{window.baselineDone=(t,e)=>r({token:t,ms:performance.now()-${since},error:e&&String(e)})})`
  let body = ''
  if (contender === 'stencil-b2b-auth') {
    body = `<script type="module" src="/dist/stencil-b2b-auth.js" data-store-hash="${ctx.storeHash}" data-channel-id="1" data-graphql-endpoint="${ctx.b2bUrl}"${hint ? ` data-customer-id="${ctx.customerId}"` : ''}></script>
<script type="module">window.tModule=performance.now();${done};window.b2bAuth.getB2BToken().then(t=>window.baselineDone(t),e=>window.baselineDone(null,e))</script>`
  } else if (contender !== 'none') {
    body = `<script type="module">${done};window.B2B_ENDPOINT=${JSON.stringify(ctx.b2bUrl)};${baseline(contender)}</script>`
  } else {
    body = `<script type="module">${done};window.baselineDone(null)</script>`
  }
  // The Portal's install script where a store puts it, after the theme's (the module's tag is in
  // <head> after {{{head.scripts}}}; Script Manager's footer scripts come last).
  return `<!doctype html><html><head><meta charset="utf-8"><title>bench</title>${head}</head><body><h1>Storefront</h1>${start}${body}${portal ? buyerPortal(ctx) : ''}</body></html>`
}

export async function open(context: BrowserContext, sim: Sim, path: string, existing?: Page) {
  const tab = existing ?? (await context.newPage())
  await tab.goto(sim.storefrontUrl + path)
  const result = await tab.evaluate(
    () => (window as unknown as { result: Promise<{ token: string | null; ms: number; error?: string }> }).result,
  )
  if (result.error) throw new Error(`${path}: ${result.error}`)
  return { tab, ...result }
}

export function register(sim: Sim, contender: Contender | 'none', hint = true, portal = false) {
  const path = `/${contender}${hint ? '' : '-unhinted'}${portal ? '-portal' : ''}`
  sim.setPage(path, (ctx) => page(ctx, contender, hint, portal))
  return path
}

/**
 * The real Buyer Portal (its built bundle, served by the simulator at /bp/: test/sim/buyer-portal.ts)
 * as a store's install script starts it: window.B3 at once, then its entry, which starts on
 * requestIdleCallback, mounts once its storeBasicInfo answer says B2B is on, and signs in.
 */
function buyerPortal(ctx: PageContext): string {
  return `<script>window.B3={setting:{store_hash:${JSON.stringify(ctx.storeHash)},channel_id:1,platform:'bigcommerce',environment:'local'}}</script><script type="module" src="/bp/index.js"></script>`
}

type Side = 'module' | 'portal'

/**
 * Whose request a log entry of a page with both is: the module's files and its requests (its
 * current.jwt is sent no-store, so with Pragma: no-cache; its B2B calls carry no Authorization
 * header, and its preflights ask for content-type alone), or the Portal's (its files, its plain
 * current.jwt, its `Authorization: Bearer …` on every B2B call, its REST calls, the storefront's
 * GraphQL). The page itself and the favicon are neither's.
 */
export function sideOf(e: Sim['log'][number]): Side | undefined {
  if (e.server === 'storefront') {
    if (e.path.startsWith('/dist/')) return 'module'
    if (e.path.startsWith('/bp/') || e.path === '/graphql') return 'portal'
    if (e.path === '/customer/current.jwt') return e.headers.pragma === 'no-cache' ? 'module' : 'portal'
    return undefined
  }
  if (e.method === 'OPTIONS')
    return /authori[sz]ation|authtoken/i.test(String(e.headers['access-control-request-headers'] ?? '')) ? 'portal' : 'module'
  if (e.path !== '/graphql') return 'portal'
  return e.headers.authorization === undefined ? 'module' : 'portal'
}
