// npm run bench [-- --latency=50 --runs=40 --tabs=5]   (-- --from-latest: reprint the last run;
// -- --portal-only: the cold page with and without the real Buyer Portal, printed only;
// -- --floor-only: the warm page against a bare IndexedDB read, and the cold page's trips, printed only)
// Bytes, main-thread cost, time to token and requests to the B2B API, in headless Chromium against
// the simulated storefront, with the two baselines a theme developer would otherwise write, side
// by side in one run. Prints a table and writes bench/results/<time>.json and latest.json.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, platform, release, totalmem } from 'node:os'
import { join } from 'node:path'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import type { BrowserContext, Page } from 'playwright-core'
import { launchChromium, CHROMIUM_PATH } from '../test/browser/chromium'
import { startSim, type PageContext, type Sim } from '../test/sim'
import { percentile, round } from './stats'
import { coldTrips, type ColdTrips, warmFloor, type WarmFloor } from './warm-floor'

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback)
const LATENCY = arg('latency', 50)
const RUNS = arg('runs', 40)
const TABS = arg('tabs', 5)
const HOUR = 3_600_000

// --- pages ------------------------------------------------------------------------------------

type Contender = 'stencil-b2b-auth' | 'naive' | 'session-storage'
type PortalWindow = { b2b?: { utils?: { user?: { getB2BToken(): string } } } }
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

async function open(context: BrowserContext, sim: Sim, path: string, existing?: Page) {
  const tab = existing ?? (await context.newPage())
  await tab.goto(sim.storefrontUrl + path)
  const result = await tab.evaluate(
    () => (window as unknown as { result: Promise<{ token: string | null; ms: number; error?: string }> }).result,
  )
  if (result.error) throw new Error(`${path}: ${result.error}`)
  return { tab, ...result }
}

function register(sim: Sim, contender: Contender | 'none', hint = true, portal = false) {
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
function sideOf(e: Sim['log'][number]): Side | undefined {
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

// --- measures ---------------------------------------------------------------------------------

function bytes() {
  const files = readdirSync('dist').filter((f) => f.endsWith('.js'))
  const size = (names: string[]) => {
    const text = names.map((n) => readFileSync(join('dist', n))).reduce((a, b) => Buffer.concat([a, b]), Buffer.alloc(0))
    const each = names.map((n) => readFileSync(join('dist', n)))
    return {
      files: names,
      raw: text.length,
      gzip: each.reduce((sum, b) => sum + gzipSync(b, { level: 9 }).length, 0),
      brotli: each.reduce((sum, b) => sum + brotliCompressSync(b).length, 0),
    }
  }
  const entry = files.filter((f) => f === 'stencil-b2b-auth.js')
  const flow = files.filter((f) => f.startsWith('stencil-b2b-auth-flow-'))
  const badge = files.filter((f) => f.startsWith('stencil-b2b-auth-badge-'))
  const signIn = files.filter((f) => f.startsWith('stencil-b2b-auth-sign-in-'))
  const consoleTools = files.filter((f) => f.startsWith('stencil-b2b-auth-console-'))
  return {
    warmPage: size(entry),
    coldPage: size([...entry, ...flow]),
    flowChunk: size(flow),
    badgeChunk: size(badge),
    signInChunk: size(signIn),
    consoleChunk: size(consoleTools),
  }
}

/**
 * The module's main-thread time on a page load, from a Chromium trace: compiling and evaluating its
 * files and every callback of theirs (IndexedDB, events) until the page is idle. A guest page, a
 * warm page and a cold page, so that no network time counts, only script.
 */
async function mainThread(sim: Sim, browser: Awaited<ReturnType<typeof launchChromium>>) {
  const path = register(sim, 'stencil-b2b-auth')
  const script: Record<string, number[]> = { guest: [], warm: [], cold: [] }
  let longTasks = 0
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext()
    for (const kind of ['guest', 'cold', 'warm'] as const) {
      if (kind === 'cold') await context.addCookies([{ name: 'SHOP_SESSION_TOKEN', value: sim.signIn(1), url: sim.storefrontUrl }])
      const tab = await context.newPage()
      await browser.startTracing(tab, { categories: ['devtools.timeline', 'v8'] })
      await open(context, sim, path, tab)
      await tab.waitForTimeout(100)
      const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] }
      const events = trace.traceEvents
      script[kind]!.push(ownScriptMs(events))
      longTasks += events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && (e.dur ?? 0) > 50_000 && touchesModule(events, e)).length
      await tab.close()
    }
    await context.close()
  }
  const stats = (v: number[]) => ({ p50: round(percentile(v, 50)), p95: round(percentile(v, 95)) })
  return { guestMs: stats(script.guest!), warmMs: stats(script.warm!), coldMs: stats(script.cold!), longTasks }
}

interface TraceEvent {
  name: string
  ph: string
  ts: number
  dur?: number
  tid: number
  args?: { data?: { url?: string; scriptName?: string; functionName?: string }; fileName?: string }
}

const OURS = /stencil-b2b-auth/
const urlOf = (e: TraceEvent) => e.args?.data?.url ?? e.args?.data?.scriptName ?? e.args?.fileName ?? ''

/** Top-level script work attributed to the module's files: compile, evaluate, callbacks. */
function ownScriptMs(events: TraceEvent[]): number {
  const ours = events.filter(
    (e) => e.ph === 'X' && ['v8.compileModule', 'v8.evaluateModule', 'FunctionCall', 'v8.compile'].includes(e.name) && OURS.test(urlOf(e)),
  )
  // Nested events of the same kind are counted once: keep those not inside another one.
  const top = ours.filter(
    (e) =>
      !ours.some(
        (o) =>
          o !== e &&
          o.tid === e.tid &&
          o.ts <= e.ts &&
          o.ts + (o.dur ?? 0) >= e.ts + (e.dur ?? 0) &&
          (o.ts < e.ts || (o.dur ?? 0) > (e.dur ?? 0)),
      ),
  )
  return top.reduce((sum, e) => sum + (e.dur ?? 0), 0) / 1000
}

function touchesModule(events: TraceEvent[], task: TraceEvent): boolean {
  const end = task.ts + (task.dur ?? 0)
  return events.some((e) => e.tid === task.tid && e.ts >= task.ts && e.ts <= end && OURS.test(urlOf(e)))
}

async function timeToToken(sim: Sim, browser: Awaited<ReturnType<typeof launchChromium>>) {
  const path = register(sim, 'stencil-b2b-auth')
  const withPortal = register(sim, 'stencil-b2b-auth', true, true)
  const cold: number[] = []
  const coldPortal: number[] = []
  /** Requests of one cold page: the module's alone (without), and each side's with the Portal. */
  const requests = { without: 0, module: 0, portal: 0 }
  const overhead: number[] = []
  const warmIdb: number[] = []
  let memory: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext()
    await context.addCookies([{ name: 'SHOP_SESSION_TOKEN', value: sim.signIn(1), url: sim.storefrontUrl }])
    sim.log.length = 0
    const first = await open(context, sim, path)
    cold.push(first.ms)
    // On the critical path after the module starts: the flow chunk, current.jwt, the CORS
    // preflight and the mutation, each delayed by the simulated latency.
    const trips = sim.log.filter((r) => /flow|current\.jwt|^\/graphql/.test(r.path)).length
    overhead.push(first.ms - trips * LATENCY)
    if (i === 0) requests.without = sim.log.filter((e) => sideOf(e) === 'module').length
    const reload = await open(context, sim, path, first.tab)
    warmIdb.push(reload.ms)
    // The same cold page with the real Buyer Portal starting beside the module, in a context of
    // its own; current.jwt answered no-store, as the Portal needs (buyer-portal.test.ts).
    const portalContext = await browser.newContext()
    await portalContext.addCookies([{ name: 'SHOP_SESSION_TOKEN', value: sim.signIn(1), url: sim.storefrontUrl }])
    sim.options.currentJwtCacheable = false
    sim.log.length = 0
    const withIt = await open(portalContext, sim, withPortal)
    const portalTab = withIt.tab
    coldPortal.push(withIt.ms)
    if (i === 0) {
      // Every request either side makes, counted once the Portal holds its token and its
      // start-up round with it (storefrontDefaultLanguage last) has been answered.
      await portalTab.waitForFunction(() => !!(window as unknown as PortalWindow).b2b?.utils?.user?.getB2BToken())
      const token = await portalTab.evaluate(() => (window as unknown as PortalWindow).b2b!.utils!.user!.getB2BToken())
      while (
        !sim.log.some((e) => e.operation === 'storefrontDefaultLanguage' && e.headers.authorization === `Bearer  ${token}` && e.status)
      ) {
        await portalTab.waitForTimeout(50)
      }
      for (const side of ['module', 'portal'] as const) requests[side] = sim.log.filter((e) => sideOf(e) === side).length
    }
    sim.options.currentJwtCacheable = true
    await portalContext.close()
    if (i === 0) {
      memory = await first.tab.evaluate(async () => {
        const perCall: number[] = []
        for (let batch = 0; batch < 50; batch++) {
          const t = performance.now()
          for (let n = 0; n < 200; n++) await window.b2bAuth.getB2BToken()
          perCall.push((performance.now() - t) / 200)
        }
        return perCall
      })
    }
    await context.close()
  }
  const stats = (v: number[], digits = 2) => ({ p50: round(percentile(v, 50), digits), p95: round(percentile(v, 95), digits) })
  return {
    memoryMs: stats(memory, 4),
    warmIndexedDbMs: stats(warmIdb),
    coldMs: stats(cold),
    coldWithPortalMs: stats(coldPortal),
    coldWithPortalRequests: requests,
    coldOverheadMs: stats(overhead),
  }
}

/** One customer, 100 page views over a day in several tabs, then a sign-out and a sign-in. */
async function session(sim: Sim, browser: Awaited<ReturnType<typeof launchChromium>>, contender: Contender) {
  const path = register(sim, contender)
  const context = await browser.newContext()
  const start = Date.UTC(2026, 10, 26, 8)
  await context.clock.install({ time: start })
  await context.addCookies([{ name: 'SHOP_SESSION_TOKEN', value: sim.signIn(1), url: sim.storefrontUrl }])
  const tabs: Page[] = []
  sim.log.length = 0
  const counts = () => ({ currentJwt: sim.count('current.jwt'), mints: sim.count('authorization') })
  // A view is warm when the token it finds is fresh and not yet due for renewal; the one view
  // that renews it ahead of expiry sends a mint, and is counted apart.
  let warmViewsWithRequests = 0
  let renewals = 0
  for (let view = 0; view < 100; view++) {
    const index = view % 3
    const tab = (tabs[index] ??= await context.newPage())
    await tab.clock.setSystemTime(start + view * 0.24 * HOUR)
    // The storefront and the B2B API live in the same simulated day: JWTs and tokens are issued,
    // and expire, on the browser's clock, and two views never share a second.
    sim.clockOffsetMs = start + view * 0.24 * HOUR - Date.now()
    const before = sim.log.length
    await open(context, sim, `${path}?view=${view}`, tab)
    // A renewal runs in the background: let it finish on the view that started it.
    if (contender === 'stencil-b2b-auth') await tab.waitForFunction(() => !window.b2bAuth.getB2BStatus().refreshing)
    const sent = sim.log.slice(before)
    if (view > 0 && sent.some((r) => r.operation === 'authorization') && contender === 'stencil-b2b-auth') renewals++
    else if (view > 0 && sent.some((r) => r.path === '/customer/current.jwt' || r.server === 'b2b')) warmViewsWithRequests++
  }
  const day = counts()
  // Sign out (a guest page view), then sign in again and view a page.
  await context.clearCookies()
  await open(context, sim, path, tabs[0])
  await context.addCookies([{ name: 'SHOP_SESSION_TOKEN', value: sim.signIn(1), url: sim.storefrontUrl }])
  const after = await open(context, sim, path, tabs[1])
  if (!after.token) throw new Error(`${contender}: no token after signing in again`)
  const total = counts()
  sim.clockOffsetMs = 0
  await context.close()
  return {
    day,
    warmViewsWithRequests,
    renewals,
    afterSignOutAndIn: { currentJwt: total.currentJwt - day.currentJwt, mints: total.mints - day.mints },
  }
}

async function coldTabs(sim: Sim, browser: Awaited<ReturnType<typeof launchChromium>>, contender: Contender) {
  const path = register(sim, contender)
  const context = await browser.newContext()
  await context.addCookies([{ name: 'SHOP_SESSION_TOKEN', value: sim.signIn(1), url: sim.storefrontUrl }])
  sim.log.length = 0
  await Promise.all(Array.from({ length: TABS }, () => open(context, sim, path)))
  const result = { currentJwt: sim.count('current.jwt'), mints: sim.count('authorization') }
  await context.close()
  return result
}

// --- run --------------------------------------------------------------------------------------

async function main() {
  if (process.argv.includes('--from-latest')) {
    // Print and write docs/performance.md from the last run, without measuring again.
    const latest = JSON.parse(readFileSync('bench/results/latest.json', 'utf8'))
    report(latest)
    writeReadme(latest)
    return
  }
  const sim = await startSim({ latencyMs: LATENCY })
  const browser = await launchChromium()
  if (process.argv.includes('--floor-only')) {
    // The warm page against its floor and the cold page's round trips alone, printed, nothing written.
    try {
      const floor = await warmFloor(sim, browser, RUNS)
      const cold = await coldTrips(sim, browser, Math.ceil(RUNS / 2))
      reportFloor(floor, cold)
    } finally {
      await browser.close()
      await sim.close()
    }
    return
  }
  if (process.argv.includes('--portal-only')) {
    // The cold page with and without the real Buyer Portal alone, printed, nothing written.
    try {
      const t = await timeToToken(sim, browser)
      console.log({ coldMs: t.coldMs, coldWithPortalMs: t.coldWithPortalMs, requests: t.coldWithPortalRequests })
    } finally {
      await browser.close()
      await sim.close()
    }
    return
  }
  try {
    const machine = {
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      memoryGiB: round(totalmem() / 2 ** 30, 1),
      os: `${platform()} ${release()}`,
      node: process.version,
      chromium: execFileSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8' }).trim(),
    }
    const size = bytes()
    const main = await mainThread(sim, browser)
    const timing = await timeToToken(sim, browser)
    const floor = await warmFloor(sim, browser, RUNS)
    const cold = await coldTrips(sim, browser, Math.ceil(RUNS / 2))
    const contenders: Contender[] = ['stencil-b2b-auth', 'naive', 'session-storage']
    const sessions: Record<string, Awaited<ReturnType<typeof session>>> = {}
    const tabs: Record<string, Awaited<ReturnType<typeof coldTabs>>> = {}
    for (const contender of contenders) {
      sessions[contender] = await session(sim, browser, contender)
      tabs[contender] = await coldTabs(sim, browser, contender)
    }
    const ours = sessions['stencil-b2b-auth']!
    // How many times our count each baseline's is (ours taken as at least 1, so a 0 stays finite).
    const times = (theirs: number, mine: number) => round(theirs / Math.max(1, mine), 1)
    const ratios = Object.fromEntries(
      contenders.map((name) => {
        const s = sessions[name]!
        return [
          name,
          {
            currentJwt: times(s.day.currentJwt, ours.day.currentJwt),
            mints: times(s.day.mints, ours.day.mints),
            coldTabsMints: times(tabs[name]!.mints, tabs['stencil-b2b-auth']!.mints),
          },
        ]
      }),
    )
    const targets = {
      'warm page views make no request': ours.warmViewsWithRequests === 0,
      // 100 views over 23.76 h of a day-long token: renewal starts 10 minutes before its end.
      'one mint per customer per day per browser': ours.day.mints <= 1,
      [`${TABS} tabs opened cold make one mint`]: tabs['stencil-b2b-auth']!.mints === 1,
      'warm IndexedDB hit under 10 ms p95': timing.warmIndexedDbMs.p95 < 10,
      'warm page within 1.1× of a bare IndexedDB read, navigation start to token (p50 and p95)':
        floor.ratio.p50 <= 1.1 && floor.ratio.p95 <= 1.1,
      // Not measurably: within the run-to-run spread of the page without it (5 % of its p50).
      'the badge does not delay the token on a warm page (p50 within 5 %)': floor.badgeMs.p50 <= 1.05 * floor.moduleMs.p50,
      'memory hit under 0.1 ms (mean per call in batches of 200, p95 of the batches)': timing.memoryMs.p95 < 0.1,
      'loading costs under 2 ms of main-thread time (warm page, p95), no long task': main.warmMs.p95 < 2 && main.longTasks === 0,
      // The budget test's (test/build/budget.test.ts), a warm page view loads nothing else. A cold
      // page's entry and flow chunk together are reported above, not held to it: a first mint's checks do not fit 3 KiB.
      'entry at most 3 KiB gzip (3,072 B; a warm page view loads nothing else)': size.warmPage.gzip <= 3072,
      'badge chunk at most 10 KB gzip': size.badgeChunk.gzip <= 10_000,
      'a cold page with the real Buyer Portal gets its token within 10 % of one without (p50)':
        timing.coldWithPortalMs.p50 <= 1.1 * timing.coldMs.p50,
    }
    const results = {
      at: new Date().toISOString(),
      latencyMs: LATENCY,
      runs: RUNS,
      machine,
      bytes: size,
      mainThread: main,
      timeToToken: timing,
      warmFloor: floor,
      coldTrips: cold,
      sessions,
      coldTabs: tabs,
      ratios,
      targets,
    }
    mkdirSync('bench/results', { recursive: true })
    const json = JSON.stringify(results, null, 2)
    writeFileSync(`bench/results/${results.at.replace(/[:.]/g, '-')}.json`, json)
    writeFileSync('bench/results/latest.json', json)
    report(results)
    writeReadme(results)
  } finally {
    await browser.close()
    await sim.close()
  }
}

function report(r: {
  latencyMs: number
  runs: number
  machine: Record<string, unknown>
  bytes: ReturnType<typeof bytes>
  mainThread: Awaited<ReturnType<typeof mainThread>>
  timeToToken: Awaited<ReturnType<typeof timeToToken>>
  warmFloor?: WarmFloor
  coldTrips?: ColdTrips
  sessions: Record<string, Awaited<ReturnType<typeof session>>>
  coldTabs: Record<string, Awaited<ReturnType<typeof coldTabs>>>
  ratios?: Record<string, { currentJwt: number; mints: number; coldTabsMints: number }>
  targets: Record<string, boolean>
}) {
  const b = r.bytes
  console.log(`\nstencil-b2b-auth bench: ${r.runs} runs, ${r.latencyMs} ms simulated latency on both endpoints`)
  console.log(`machine: ${describe(r.machine)}\n`)
  console.table({
    'warm page (entry)': b.warmPage,
    'cold page (entry + flow)': b.coldPage,
    'badge chunk': b.badgeChunk,
    'sign-in chunk': b.signInChunk,
    ...(b.consoleChunk ? { 'console chunk': b.consoleChunk } : {}),
  })
  const t = r.timeToToken
  console.table({
    'main thread, guest page (ms)': { ...r.mainThread.guestMs, note: `${r.mainThread.longTasks} long tasks in all` },
    'main thread, warm page (ms)': r.mainThread.warmMs,
    'main thread, cold page (ms)': r.mainThread.coldMs,
    'token, warm in memory (ms)': t.memoryMs,
    'token, warm from IndexedDB (ms)': t.warmIndexedDbMs,
    'token, cold sign-in (ms)': t.coldMs,
    'token, cold sign-in beside the real Buyer Portal (ms)': {
      ...t.coldWithPortalMs,
      ...(t.coldWithPortalRequests
        ? {
            note: `requests: module ${t.coldWithPortalRequests.module} (${t.coldWithPortalRequests.without} without the Portal), Portal ${t.coldWithPortalRequests.portal}`,
          }
        : {}),
    },
    'cold, above simulated network (ms)': t.coldOverheadMs,
  })
  if (r.warmFloor && r.coldTrips) reportFloor(r.warmFloor, r.coldTrips)
  const ours = r.sessions['stencil-b2b-auth']!
  const rows: Record<string, Record<string, string | number>> = {}
  for (const [name, s] of Object.entries(r.sessions)) {
    rows[name] = {
      'current.jwt (100 views)': s.day.currentJwt,
      'mints (100 views)': s.day.mints,
      'current.jwt x ours': r.ratios?.[name]?.currentJwt ?? '',
      'mints x ours': r.ratios?.[name]?.mints ?? round(s.day.mints / Math.max(1, ours.day.mints), 1),
      'after sign-out/in: current.jwt': s.afterSignOutAndIn.currentJwt,
      'after sign-out/in: mints': s.afterSignOutAndIn.mints,
      [`${TABS} cold tabs: mints`]: r.coldTabs[name]!.mints,
      'cold tabs: mints x ours': r.ratios?.[name]?.coldTabsMints ?? '',
    }
  }
  console.table(rows)
  for (const [target, met] of Object.entries(r.targets)) console.log(`${met ? 'met    ' : 'NOT MET'}  ${target}`)
}

/** The warm page against its floor, where its extra milliseconds go, and the cold page's round trips. */
function reportFloor(floor: WarmFloor, cold: ColdTrips) {
  console.table({
    'warm page, the module (ms from navigation start to token)': floor.moduleMs,
    'a bare inline IndexedDB read (ms)': floor.bareMs,
    'ratio (module / bare)': floor.ratio,
    'warm page with data-badge (ms)': floor.badgeMs,
  })
  console.table(Object.fromEntries(floor.breakdown.map(({ segment, ...ms }) => [segment, ms])))
  console.table({
    'cold page, flow chunk fetched (ms)': {
      p50: cold.flowFetched.p50,
      p95: cold.flowFetched.p95,
      trips: cold.flowFetched.trips.join(' → '),
    },
    'cold page, flow chunk already cached (ms)': {
      p50: cold.flowCached.p50,
      p95: cold.flowCached.p95,
      trips: cold.flowCached.trips.join(' → '),
    },
  })
}

/** docs/performance.md's rows for the warm page against its floor and the cold page's trips. */
function floorRows(floor: WarmFloor, cold: ColdTrips, row: (cells: (string | number)[]) => string): string[] {
  return [
    row(['warm page, navigation start to token: the module (ms)', floor.moduleMs.p50, floor.moduleMs.p95]),
    row(['warm page: a bare inline IndexedDB read instead (ms)', floor.bareMs.p50, floor.bareMs.p95]),
    row(['warm page: the module / the bare read', `${floor.ratio.p50}×`, `${floor.ratio.p95}×`]),
    row(['warm page with data-badge, to token (ms)', floor.badgeMs.p50, floor.badgeMs.p95]),
    row([`cold page after guest views: ${cold.flowFetched.trips.length} round trips (ms)`, cold.flowFetched.p50, cold.flowFetched.p95]),
    row([
      `the same, flow chunk already cached: ${cold.flowCached.trips.length} round trips (ms)`,
      cold.flowCached.p50,
      cold.flowCached.p95,
    ]),
    '',
    row(["where the warm page's time goes (ms)", 'module p50', 'bare read p50', 'extra p50', 'module p95', 'bare read p95']),
    row(['---', '---:', '---:', '---:', '---:', '---:']),
    ...floor.breakdown.map((b) => row([b.segment, b.module, b.bare, b.extra, b.moduleP95, b.bareP95])),
  ]
}

function describe(machine: Record<string, unknown>): string {
  const m = machine as { cpu: string; cores: number; memoryGiB: number; os: string; node: string; chromium: string }
  return `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}, ${m.chromium}`
}

/** docs/performance.md shows the latest run, with the machine it ran on. */
function writeReadme(r: Parameters<typeof report>[0] & { at: string }) {
  const b = r.bytes
  const t = r.timeToToken
  const m = r.mainThread
  const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`
  const sessionRows = Object.entries(r.sessions).map(([name, s]) =>
    row([
      name,
      `${s.day.currentJwt} (${r.ratios?.[name]?.currentJwt ?? '?'}×)`,
      `${s.day.mints} (${r.ratios?.[name]?.mints ?? '?'}×)`,
      s.afterSignOutAndIn.currentJwt,
      s.afterSignOutAndIn.mints,
      `${r.coldTabs[name]!.mints} (${r.ratios?.[name]?.coldTabsMints ?? '?'}×)`,
    ]),
  )
  const table = [
    `Latest run: ${r.at.slice(0, 16).replace('T', ' ')} UTC, ${r.runs} runs, ${r.latencyMs} ms simulated latency, on ${describe(r.machine)}.`,
    '',
    row(['bytes', 'raw', 'gzip', 'brotli']),
    row(['---', '---:', '---:', '---:']),
    row(['warm page: the entry alone', b.warmPage.raw, b.warmPage.gzip, b.warmPage.brotli]),
    row(['cold page: entry + flow chunk', b.coldPage.raw, b.coldPage.gzip, b.coldPage.brotli]),
    row(['badge chunk (only with the badge on)', b.badgeChunk.raw, b.badgeChunk.gzip, b.badgeChunk.brotli]),
    ...(b.consoleChunk
      ? [row(['console chunk (only help(), status(), refresh(), debug())', b.consoleChunk.raw, b.consoleChunk.gzip, b.consoleChunk.brotli])]
      : []),
    ...(b.signInChunk
      ? [row(['sign-in chunk (only signIn() / signOut())', b.signInChunk.raw, b.signInChunk.gzip, b.signInChunk.brotli])]
      : []),
    '',
    row(['time', 'p50', 'p95']),
    row(['---', '---:', '---:']),
    row(['main thread, loading on a guest page (ms)', m.guestMs.p50, m.guestMs.p95]),
    row(['main thread, loading on a warm page (ms)', m.warmMs.p50, m.warmMs.p95]),
    row(['main thread, loading on a cold page (ms)', m.coldMs.p50, m.coldMs.p95]),
    row(['token from memory, per call (mean of 200) (ms)', t.memoryMs.p50, t.memoryMs.p95]),
    row(["token from IndexedDB, from the entry file's arrival (ms)", t.warmIndexedDbMs.p50, t.warmIndexedDbMs.p95]),
    row(['token on a cold sign-in (ms)', t.coldMs.p50, t.coldMs.p95]),
    ...(t.coldWithPortalMs
      ? [row(['token on a cold sign-in, the real Buyer Portal starting beside it (ms)', t.coldWithPortalMs.p50, t.coldWithPortalMs.p95])]
      : []),
    row(['cold, above the simulated round trips (ms)', t.coldOverheadMs.p50, t.coldOverheadMs.p95]),
    ...(r.warmFloor && r.coldTrips ? floorRows(r.warmFloor, r.coldTrips, row) : []),
    '',
    `Long tasks caused by loading the module: ${m.longTasks}.`,
    ...(t.coldWithPortalRequests
      ? [
          '',
          `Requests of one cold signed-in page: the module ${t.coldWithPortalRequests.without} alone, ${t.coldWithPortalRequests.module} beside the real Buyer Portal, which makes ${t.coldWithPortalRequests.portal} (its files, its configuration round before and after signing in, CORS preflights included).`,
        ]
      : []),
    '',
    row([
      'requests (× ours)',
      'current.jwt, 100 views in 3 tabs over 24 h',
      'mints, same',
      'current.jwt, sign-out + sign-in',
      'mints, same',
      `mints, ${TABS} tabs opened cold`,
    ]),
    row(['---', '---:', '---:', '---:', '---:', '---:']),
    ...sessionRows,
    '',
    ...Object.entries(r.targets).map(([target, met]) => `- ${met ? 'met' : '**not met**'}: ${target}`),
  ].join('\n')
  const readme = readFileSync('docs/performance.md', 'utf8')
  const updated = readme.replace(/<!-- bench:start -->[\s\S]*<!-- bench:end -->/, `<!-- bench:start -->\n${table}\n<!-- bench:end -->`)
  writeFileSync('docs/performance.md', updated)
}

await main()
