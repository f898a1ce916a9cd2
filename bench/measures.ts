// The bench's measurements, each in Chromium against the simulator: bytes, main-thread time, time
// to a token (warm, cold, beside the real Buyer Portal), and the requests of a scripted day.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import type { Page } from 'playwright-core'
import type { launchChromium } from '../test/browser/chromium'
import type { Sim } from '../test/sim'
import { HOUR, LATENCY, RUNS, TABS } from './options'
import { open, register, sideOf, type Contender, type PortalWindow } from './pages'
import { percentile, round } from './stats'

export function bytes() {
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
export async function mainThread(sim: Sim, browser: Awaited<ReturnType<typeof launchChromium>>) {
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

export async function timeToToken(sim: Sim, browser: Awaited<ReturnType<typeof launchChromium>>) {
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
export async function session(sim: Sim, browser: Awaited<ReturnType<typeof launchChromium>>, contender: Contender) {
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

export async function coldTabs(sim: Sim, browser: Awaited<ReturnType<typeof launchChromium>>, contender: Contender) {
  const path = register(sim, contender)
  const context = await browser.newContext()
  await context.addCookies([{ name: 'SHOP_SESSION_TOKEN', value: sim.signIn(1), url: sim.storefrontUrl }])
  sim.log.length = 0
  await Promise.all(Array.from({ length: TABS }, () => open(context, sim, path)))
  const result = { currentJwt: sim.count('current.jwt'), mints: sim.count('authorization') }
  await context.close()
  return result
}
