// npm run soak -- --minutes N: the schedule tester (test/browser/schedule.test.ts) on random
// seeds for N minutes (default 10). Each failing seed's replay command is printed and appended to
// test-results/schedule-failures.txt; exits non-zero if there was one. Other SCHEDULE_* variables
// (SCHEDULE_STEPS, SCHEDULE_RUNS, SCHEDULE_WITHOUT) pass through.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'

const args = process.argv.slice(2)
const at = args.indexOf('--minutes')
const minutes = at >= 0 ? Number(args[at + 1]) : 10
if (!(minutes > 0)) {
  console.error('usage: npm run soak -- --minutes N')
  process.exit(2)
}
mkdirSync('test-results', { recursive: true })
const file = resolve('test-results/schedule-failures.txt')
writeFileSync(file, '')
console.log(`soak: random schedules for ${minutes} min; failing seeds' replay commands go to ${file}`)
const run = spawnSync('npx', ['vitest', 'run', '--project', 'browser', 'test/browser/schedule.test.ts'], {
  stdio: 'inherit',
  env: { ...process.env, SCHEDULE_SOAK_MINUTES: String(minutes), SCHEDULE_FAILURES_FILE: file },
})
const failures = existsSync(file) ? readFileSync(file, 'utf8').trim() : ''
console.log(failures ? `\nsoak: replay commands of the failing seeds (${file}):\n${failures}` : '\nsoak: no failing seed')
process.exit(run.status ?? 1)
