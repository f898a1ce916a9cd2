// npm run bench [-- --latency=50 --runs=40 --tabs=5]   (-- --from-latest: reprint the last run;
// -- --portal-only: the cold page with and without the real Buyer Portal, printed only;
// -- --floor-only: the warm page against a bare IndexedDB read, and the cold page's trips, printed only)
// Bytes, main-thread cost, time to token and requests to the B2B API, in headless Chromium against
// the simulated storefront, with the two baselines a theme developer would otherwise write, side
// by side in one run. Prints a table and writes bench/results/<time>.json and latest.json.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, platform, release, totalmem } from 'node:os'
import { launchChromium, CHROMIUM_PATH } from '../test/browser/chromium'
import { startSim } from '../test/sim'
import { bytes, coldTabs, mainThread, session, timeToToken } from './measures'
import { LATENCY, RUNS, TABS } from './options'
import type { Contender } from './pages'
import { report, reportFloor, writeReadme } from './report'
import { round } from './stats'
import { coldTrips, warmFloor } from './warm-floor'

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

await main()
