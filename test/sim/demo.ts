import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { fillPlaceholders, type Sim } from './index'

const DEMO_PAGE = fileURLToPath(new URL('demo.html', import.meta.url))
/** The same storefront with the real Buyer Portal beside the module (test/sim/buyer-portal.ts). */
const PORTAL_PAGE = fileURLToPath(new URL('demo-portal.html', import.meta.url))
/** What both pages share in their <head>: the icon and the styles. */
const HEAD = fileURLToPath(new URL('demo-head.html', import.meta.url))

/**
 * The policy the demo is served under, as a store with a strict CSP serves its pages (Stencil's
 * `{{nonce}}`): only scripts carrying the page view's nonce run, and what they load
 * ('strict-dynamic': the module's chunks). The README's tag has nonce="{{nonce}}" for this.
 */
export const demoCsp = (nonce: string) => `script-src 'nonce-${nonce}' 'strict-dynamic'; object-src 'none'; base-uri 'none'`

/**
 * The demo storefront at `/`, and at `/portal` the same store with the real Buyer Portal beside
 * the module: for `npm start` (serve.ts), and for the browser test that checks the page a
 * newcomer first sees. Read at request time, so editing demo.html needs only a reload.
 * Each page view gets a fresh nonce, in its script tags and in its CSP header.
 */
export function serveDemo(sim: Sim): void {
  servePage(sim, '/', DEMO_PAGE)
  servePage(sim, '/portal', PORTAL_PAGE)
}

function servePage(sim: Sim, path: string, file: string): void {
  let nonce = ''
  sim.setPage(
    path,
    (ctx) => {
      nonce = randomBytes(16).toString('base64')
      const html = readFileSync(file, 'utf8').replace('{{> demo-head}}', readFileSync(HEAD, 'utf8').trim())
      return fillPlaceholders(html.replaceAll('{{nonce}}', nonce), ctx)
    },
    // Read by the simulator after the page is rendered, so with that page view's nonce.
    {
      get 'Content-Security-Policy'() {
        return demoCsp(nonce)
      },
    },
  )
}
