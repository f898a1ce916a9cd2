// The warm page against its floor: navigation start to token for the module's warm page (its entry
// from the HTTP cache, as a theme CDN serves versioned assets; its token in IndexedDB) and for a
// page whose inline script opens an IndexedDB database and reads one key, alternating in one tab
// of one browser, so that both meet the same machine at the same moment. Then the same module page
// instrumented, for where its extra milliseconds go.
import { readdirSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import type { PageContext, Sim } from '../test/sim'
import { percentile, round } from './stats'

const ENTRY = '/dist/stencil-b2b-auth.js'

/** The module's tag where Cornerstone's base.html has it (in <head>), and a theme script asking for the token. */
function modulePage(ctx: PageContext, probe = '', badge = false): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>warm</title>${probe}
<script type="module" src="${ENTRY}" data-store-hash="${ctx.storeHash}" data-channel-id="1" data-graphql-endpoint="${ctx.b2bUrl}" data-customer-id="${ctx.customerId}"${badge ? ' data-badge' : ''}></script>
</head><body><h1>Storefront</h1><p>A product grid would be here.</p>
<script type="module">window.b2bAuth.getB2BToken().then(t=>window.result={token:t,ms:performance.now()},e=>window.result={error:String(e)})</script>
</body></html>`
}

/** The floor: one inline script in the tag's place that opens a database and reads one key (writing it once). */
function barePage(probe = ''): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>bare</title>${probe}
<script>{const r=indexedDB.open('bare-floor',1);r.onupgradeneeded=()=>r.result.createObjectStore('s');r.onsuccess=()=>{const db=r.result,g=db.transaction('s').objectStore('s').get('k');g.onsuccess=()=>{window.result={token:g.result??null,ms:performance.now()};g.result||db.transaction('s','readwrite').objectStore('s').put('seeded','k')}};r.onerror=()=>window.result={error:String(r.error)}}</script>
</head><body><h1>Storefront</h1><p>A product grid would be here.</p>
</body></html>`
}

// Times, from navigation start, of the calls the module makes into IndexedDB and of their answers:
// the platform's own functions wrapped before the module loads. Only in the breakdown's runs.
const PROBE = `<script>{const t=window.probe={};const mark=(k)=>t[k]??=performance.now();
const open=IDBFactory.prototype.open;IDBFactory.prototype.open=function(...a){mark('openCalled');const r=open.apply(this,a);r.addEventListener('success',()=>mark('opened'));return r};
const get=IDBObjectStore.prototype.get;IDBObjectStore.prototype.get=function(...a){mark('getCalled');const r=get.apply(this,a);r.addEventListener('success',()=>mark('got'));return r}}</script>`

interface Result {
  token?: string | null
  ms?: number
  error?: string
}

async function view(tab: Page, url: string): Promise<Result> {
  await tab.goto(url)
  await tab.waitForFunction(() => (window as unknown as { result?: unknown }).result)
  const result = await tab.evaluate(() => (window as unknown as { result: Result }).result)
  if (result.error) throw new Error(`${url}: ${result.error}`)
  return result
}

const stats = (values: number[]) => ({ p50: round(percentile(values, 50)), p95: round(percentile(values, 95)) })

export interface WarmFloor {
  /** ms from navigation start to the token, each page. */
  moduleMs: { p50: number; p95: number }
  bareMs: { p50: number; p95: number }
  /** The module's over the bare read's, at each percentile. */
  ratio: { p50: number; p95: number }
  /** The module's page with `data-badge` on, to the token: the badge's chunk must not delay it. */
  badgeMs: { p50: number; p95: number }
  /** Where the module's milliseconds go: each segment's p50 (and p95) on each page (ms), instrumented runs. */
  breakdown: { segment: string; module: number; bare: number; extra: number; moduleP95: number; bareP95: number }[]
}

/**
 * `runs` pairs of page views in one tab, the module's and the bare one's alternating (the order
 * swapped every other pair), after one view of each that fills the HTTP cache and both databases.
 */
export async function warmFloor(sim: Sim, browser: Browser, runs: number): Promise<WarmFloor> {
  const previous = sim.options.distCacheControl
  // As a theme CDN serves a file whose name changes with its content (Stencil's {{cdn}}).
  sim.options.distCacheControl = 'public, max-age=31536000, immutable'
  sim.setPage('/warm-floor/module', (ctx) => modulePage(ctx))
  sim.setPage('/warm-floor/badge', (ctx) => modulePage(ctx, '', true))
  sim.setPage('/warm-floor/probed', (ctx) => modulePage(ctx, PROBE))
  sim.setPage('/warm-floor/bare', barePage())
  sim.setPage('/warm-floor/bare-probed', barePage(PROBE))
  const context = await browser.newContext()
  try {
    await context.addCookies([{ name: 'SHOP_SESSION_TOKEN', value: sim.signIn(1), url: sim.storefrontUrl }])
    const tab = await context.newPage()
    const url = (path: string) => `${sim.storefrontUrl}/warm-floor/${path}`
    // The cold view that mints and stores the token, and the bare page's first, which writes its key.
    const seeded = await view(tab, url('module'))
    if (!seeded.token) throw new Error('warm floor: no token on the first view')
    await view(tab, url('bare'))
    const before = sim.log.length
    const module: number[] = []
    const bare: number[] = []
    const badge: number[] = []
    for (let i = 0; i < runs; i++) {
      const order = i % 2 ? (['bare', 'module'] as const) : (['module', 'bare'] as const)
      for (const which of order) {
        const result = await view(tab, url(which))
        ;(which === 'module' ? module : bare).push(result.ms!)
        if (which === 'module' && result.token !== seeded.token) throw new Error('warm floor: the warm page served another token')
      }
    }
    for (let i = 0; i < runs; i++) {
      // The badge's page and the module's alone, alternating: the token's time with the badge on.
      badge.push((await view(tab, url('badge'))).ms!)
      module.push((await view(tab, url('module'))).ms!)
    }
    // A warm page sends nothing: not the entry (from the HTTP cache), nor current.jwt, nor a mint.
    const sent = sim.log.slice(before).filter((e) => !e.path.startsWith('/warm-floor/'))
    const unexpected = sent.filter((e) => !e.path.startsWith('/dist/stencil-b2b-auth-badge-') && e.path !== '/favicon.ico')
    if (unexpected.length) throw new Error(`warm floor: a warm page sent ${unexpected.map((e) => e.path).join(', ')}`)
    const breakdown = await whereTheTimeGoes(tab, url, runs)
    const moduleMs = stats(module)
    const bareMs = stats(bare)
    return {
      moduleMs,
      bareMs,
      ratio: { p50: round(moduleMs.p50 / bareMs.p50), p95: round(moduleMs.p95 / bareMs.p95) },
      badgeMs: stats(badge),
      breakdown,
    }
  } finally {
    sim.options.distCacheControl = previous
    await context.close()
  }
}

/** Moments of one page view, ms from navigation start. */
interface Moments {
  /** The HTML's last byte. */
  html: number
  /** The entry's fetch began and ended (Resource Timing); the bare page has none. */
  entryStart?: number
  entryEnd?: number
  /** The parser done with the document (module scripts run after it). */
  parsed: number
  openCalled: number
  opened: number
  getCalled: number
  got: number
  token: number
}

/** The segments of a view, in the order they happen; each the gap between two moments. */
function segments(m: Moments): Record<string, number> {
  // When the code that reads may run: the bare page's inline script as the parser reaches it; the
  // module once its file is in and the parser is done (a module script runs after parsing).
  const code = m.entryEnd === undefined ? m.openCalled : Math.max(m.parsed, m.entryEnd)
  return {
    'navigation to the HTML': m.html,
    'HTML to the code running (module: its file from the HTTP cache, then the parser done)': code - m.html,
    'evaluating and setting up, to indexedDB.open()': m.openCalled - code,
    'IndexedDB open': m.opened - m.openCalled,
    'transaction to get()': m.getCalled - m.opened,
    'reading one record': m.got - m.getCalled,
    'promise hops to the caller': m.token - m.got,
  }
}

/**
 * Both pages instrumented (Navigation and Resource Timing, the IndexedDB probe), alternating: the
 * p50 of each segment on each page and the module's extra ms in it.
 */
async function whereTheTimeGoes(tab: Page, url: (path: string) => string, runs: number): Promise<WarmFloor['breakdown']> {
  const rows = { module: {} as Record<string, number[]>, bare: {} as Record<string, number[]> }
  for (let i = 0; i < runs; i++) {
    for (const which of ['module', 'bare'] as const) {
      const result = await view(tab, url(which === 'module' ? 'probed' : 'bare-probed'))
      const m: Moments = await tab.evaluate((entry) => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming
        const script = performance.getEntriesByName(new URL(entry, location.href).href)[0] as PerformanceResourceTiming | undefined
        if (script && script.transferSize !== 0) throw new Error('warm floor: the entry was not served from the HTTP cache')
        const probe = (window as unknown as { probe: Record<string, number> }).probe
        return {
          html: nav.responseEnd,
          ...(script ? { entryStart: script.startTime, entryEnd: script.responseEnd } : {}),
          parsed: nav.domInteractive,
          openCalled: probe.openCalled!,
          opened: probe.opened!,
          getCalled: probe.getCalled!,
          got: probe.got!,
          token: 0,
        }
      }, ENTRY)
      m.token = result.ms!
      for (const [name, ms] of Object.entries(segments(m))) (rows[which][name] ??= []).push(ms)
    }
  }
  const at = (p: number, values: number[] = []) => round(percentile(values, p))
  return Object.keys(rows.module).map((segment) => ({
    segment,
    module: at(50, rows.module[segment]),
    bare: at(50, rows.bare[segment]),
    extra: round(at(50, rows.module[segment]) - at(50, rows.bare[segment])),
    moduleP95: at(95, rows.module[segment]),
    bareP95: at(95, rows.bare[segment]),
  }))
}

export interface ColdTrips {
  /** A shopper who browsed as a guest, then signed in: the entry from the HTTP cache, the flow chunk not yet. */
  flowFetched: { p50: number; p95: number; trips: string[] }
  /** The same page with the flow chunk in the HTTP cache too: what fetching it beside current.jwt would at best give. */
  flowCached: { p50: number; p95: number; trips: string[] }
  /** flowFetched's p50 minus flowCached's: the most a flow chunk fetched beside current.jwt could save. */
  gainMs: number
}

/**
 * The cold page on its critical path, each view in a fresh browser context: a guest page view (the
 * entry into the HTTP cache; a guest page loads nothing else), a sign-in, then the first signed-in
 * view, which fetches the flow chunk, then asks current.jwt, then mints. Alternating with the same
 * views where the guest page also had the flow chunk fetched (a modulepreload link), so that the
 * signed-in view asks current.jwt and mints, and nothing else.
 */
export async function coldTrips(sim: Sim, browser: Browser, runs: number): Promise<ColdTrips> {
  const previous = sim.options.distCacheControl
  sim.options.distCacheControl = 'public, max-age=31536000, immutable'
  const flowFile = readdirSync(sim.options.distDir).find((f) => /^stencil-b2b-auth-flow-[\w-]+\.js$/.test(f))
  if (!flowFile) throw new Error('cold trips: no flow chunk in dist/')
  sim.setPage('/cold-trips', (ctx) => modulePage(ctx))
  sim.setPage('/cold-trips-preloaded', (ctx) => modulePage(ctx, `<link rel="modulepreload" href="/dist/${flowFile}">`))
  const times = { flowFetched: [] as number[], flowCached: [] as number[] }
  const trips = { flowFetched: [] as string[], flowCached: [] as string[] }
  // What went over the network for a view, in order: the page itself and the favicon left out.
  const sentSince = (since: number) =>
    sim.log
      .slice(since)
      .filter((e) => !e.path.startsWith('/cold-trips') && e.path !== '/favicon.ico')
      .map((e) => `${e.method} ${e.path.replace(/-[\w-]{8}\.js$/, '.js')}${e.operation ? ` ${e.operation}` : ''}`)
  try {
    for (let i = 0; i < runs; i++) {
      for (const kind of i % 2 ? (['flowCached', 'flowFetched'] as const) : (['flowFetched', 'flowCached'] as const)) {
        const context = await browser.newContext()
        try {
          const tab = await context.newPage()
          const guest = await view(tab, `${sim.storefrontUrl}/${kind === 'flowCached' ? 'cold-trips-preloaded' : 'cold-trips'}`)
          if (guest.token !== null) throw new Error('cold trips: a guest page got a token')
          await context.addCookies([{ name: 'SHOP_SESSION_TOKEN', value: sim.signIn(1), url: sim.storefrontUrl }])
          const since = sim.log.length
          const first = await view(tab, `${sim.storefrontUrl}/cold-trips`)
          if (!first.token) throw new Error('cold trips: no token on the first signed-in view')
          times[kind].push(first.ms!)
          if (!trips[kind].length) trips[kind] = sentSince(since)
        } finally {
          await context.close()
        }
      }
    }
  } finally {
    sim.options.distCacheControl = previous
  }
  const flowFetched = { ...stats(times.flowFetched), trips: trips.flowFetched }
  const flowCached = { ...stats(times.flowCached), trips: trips.flowCached }
  return { flowFetched, flowCached, gainMs: round(flowFetched.p50 - flowCached.p50) }
}
