// What a bench run prints, and the table it writes into docs/performance.md.
import { readFileSync, writeFileSync } from 'node:fs'
import type { bytes, coldTabs, mainThread, session, timeToToken } from './measures'
import { TABS } from './options'
import { round } from './stats'
import type { ColdTrips, WarmFloor } from './warm-floor'

export function report(r: {
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
export function reportFloor(floor: WarmFloor, cold: ColdTrips) {
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
export function writeReadme(r: Parameters<typeof report>[0] & { at: string }) {
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
