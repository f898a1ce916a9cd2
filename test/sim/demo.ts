import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { fillPlaceholders, type Sim } from './index'

const DEMO_PAGE = fileURLToPath(new URL('demo.html', import.meta.url))

/**
 * The demo storefront at `/`: for `npm start` (serve.ts), and for the browser test that checks
 * the page a newcomer first sees. Read at request time, so editing demo.html needs only a reload.
 */
export function serveDemo(sim: Sim): void {
  sim.setPage('/', (ctx) => fillPlaceholders(readFileSync(DEMO_PAGE, 'utf8'), ctx))
}
