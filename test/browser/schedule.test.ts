import { appendFileSync } from 'node:fs'
import fc from 'fast-check'
import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { useBrowser } from './harness'
import { describeStep, scheduleArb, type Schedule } from './schedule/steps'
import { SCHEDULE_PATH, World } from './schedule/world'

// The schedule tester of issue 23: random sequences of steps (pages opened as a customer or a
// guest, storefront sign-ins and sign-outs, signIn()/signOut(), a cache-first service worker,
// the clock, IndexedDB deleted, faults, held answers, missing BroadcastChannel or Web Locks, the
// Portal's on-logout) over 2–4 tabs of one Chromium context and the simulator, with the
// invariants checked against the simulator's ledger after every step (schedule/oracle.ts). See
// docs/develop.md: replaying a failure, and `npm run soak`.

const env = process.env
/** SCHEDULE_DIST_DIR: another build's dist/ to run the schedules against (an older one, say). */
const h = useBrowser({ distDir: env.SCHEDULE_DIST_DIR || undefined })
/** A fixed seed for npm test; SCHEDULE_SEED replays another (with SCHEDULE_PATH, one shrunk failure). */
const SEED = env.SCHEDULE_SEED ? Number(env.SCHEDULE_SEED) : 2312
const PATH = env.SCHEDULE_PATH || undefined
const RUNS = Number(env.SCHEDULE_RUNS ?? 30)
const MAX_STEPS = Number(env.SCHEDULE_STEPS ?? 15)
/** Schedules tried while shrinking a failure, at most: each is seconds of Chromium. */
const SHRINK_BUDGET = Number(env.SCHEDULE_SHRINKS ?? 60)
const SOAK_MINUTES = Number(env.SCHEDULE_SOAK_MINUTES ?? 0)
const FAILURES_FILE = env.SCHEDULE_FAILURES_FILE
/** Kinds of step or page flags left out (see scheduleArb), comma-separated. */
const WITHOUT = (env.SCHEDULE_WITHOUT ?? '').split(',').filter(Boolean)

const replayCommand = (seed: number, path: string) =>
  `${env.SCHEDULE_DIST_DIR ? `SCHEDULE_DIST_DIR=${env.SCHEDULE_DIST_DIR} ` : ''}${WITHOUT.length ? `SCHEDULE_WITHOUT=${WITHOUT.join(',')} ` : ''}SCHEDULE_STEPS=${MAX_STEPS} SCHEDULE_SEED=${seed} SCHEDULE_PATH="${path}" npx vitest run --project browser test/browser/schedule.test.ts`

it(
  'random schedules of tabs, sign-ins, sign-outs, a service worker, the clock and faults keep the invariants',
  async () => {
    const context = await h.newContext()
    const tabs: Page[] = []
    for (let i = 0; i < 4; i++) tabs.push(await context.newPage())
    const cdp = await context.newCDPSession(tabs[0]!)
    const origins = [h.sim.storefrontUrl, new URL(h.sim.b2bUrl).origin]
    let world: World | undefined
    h.sim.setPage(SCHEDULE_PATH, (ctx) => world?.render(ctx) ?? '<!doctype html><title>No schedule</title>')

    async function reset(): Promise<void> {
      for (const tab of tabs) {
        if (tab.url() !== 'about:blank') await tab.evaluate(() => sessionStorage.clear()).catch(() => {})
        await tab.goto('about:blank')
      }
      for (const origin of origins) await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'all' })
      await context.clearCookies()
      h.sim.reset()
      h.consoleLines.length = 0
      h.pageErrors.length = 0
    }

    async function runSchedule(schedule: Schedule): Promise<void> {
      await reset()
      const w = (world = new World(h.sim, tabs, schedule.tabs))
      const done: string[] = []
      let seenLines = 0
      const check = () => {
        w.check(h.consoleLines.slice(seenLines), h.pageErrors)
        seenLines = h.consoleLines.length
        return w.oracle.violations.length === 0
      }
      try {
        for (const step of schedule.steps) {
          const did = await w.step(step)
          done.push(`${done.length + 1}. ${describeStep(step, schedule.tabs)}${did ? '' : ' (nothing to act on)'}`)
          if (!check()) break
        }
        if (w.oracle.violations.length === 0) {
          await w.finish()
          done.push('end: every held answer released, faults cleared, every call settled')
          check()
        }
      } finally {
        w.releaseAll()
        world = undefined
      }
      if (w.oracle.violations.length > 0)
        throw new Error(
          `${w.oracle.violations.join('\n')}\n\nin ${schedule.tabs} tabs, after:\n${done.join('\n')}\n\nwhat the sim and the schedule saw:\n${w.timeline().join('\n')}`,
        )
    }

    let failing = false
    let shrinks = 0
    /** When the seed's check started, and how long and how many schedules it took to fail first. */
    let started = 0
    let tried = 0
    let found = ''
    const property = fc.asyncProperty(scheduleArb(MAX_STEPS, WITHOUT), async (schedule) => {
      // Past the budget, shrinking stops: every further candidate counts as passing.
      if (failing && ++shrinks > SHRINK_BUDGET) return
      if (!failing) tried++
      try {
        await runSchedule(schedule)
      } catch (error) {
        if (!failing) found = `found at schedule ${tried} of the seed, ${Math.round((Date.now() - started) / 1000)} s after it began`
        failing = true
        throw error
      }
    })

    const report = (result: fc.RunDetails<[Schedule]>): string => {
      const [schedule] = result.counterexample!
      const command = replayCommand(result.seed, result.counterexamplePath!)
      if (FAILURES_FILE) appendFileSync(FAILURES_FILE, `${command}\n`)
      return [
        `A schedule broke an invariant. Seed ${result.seed}, path ${result.counterexamplePath} (${found}; ${result.numShrinks} shrinks).`,
        `Replay: ${command}`,
        '',
        (result.errorInstance as Error | undefined)?.message ?? String(result.errorInstance),
        '',
        `The steps: ${JSON.stringify(schedule)}`,
      ].join('\n')
    }

    const check = (seed: number, path?: string) => {
      failing = false
      shrinks = 0
      started = Date.now()
      tried = 0
      return fc.check(property, { seed, numRuns: RUNS, ...(path ? { path, endOnFailure: true } : {}) })
    }

    if (SOAK_MINUTES > 0) {
      const until = Date.now() + SOAK_MINUTES * 60_000
      const failures: string[] = []
      let schedules = 0
      while (Date.now() < until) {
        const seed = Math.floor(Math.random() * 2 ** 31)
        const result = await check(seed)
        schedules += result.numRuns
        if (result.failed) {
          const text = report(result)
          console.log(`${text}\n`)
          failures.push(text)
        }
      }
      console.log(`soak: ${schedules} schedules in ${SOAK_MINUTES} min, ${failures.length} failing seeds`)
      if (failures.length > 0) expect.fail(`${failures.length} failing seeds: see above, and ${FAILURES_FILE ?? 'the replay commands'}`)
      return
    }

    const result = await check(SEED, PATH)
    if (result.failed) expect.fail(report(result))
  },
  SOAK_MINUTES > 0 ? SOAK_MINUTES * 60_000 + 15 * 60_000 : 20 * 60_000,
)
