// The storefront page a schedule opens: the module's tag as a Stencil theme renders it (with the
// schedule's hint and flags), after a classic script that records what the page saw (every call
// the schedule started and how it settled, the change events, the token each b2bGraphQL() sent)
// and moves the page clock. The recording is only read by the test, through page.evaluate.
import type { PageContext } from '../../sim'
import { pageScript } from '../drivers/harness'
import type { PageFlags } from './steps'

/** The b2bGraphQL() query of a 'graphql' call; its name marks the requests whose token is recorded. */
export const WHO_AM_I = 'query SchedWho { customerInfo { userInfo { email } } }'

/** Well above any time a schedule holds an answer: a held request never times out mid-schedule. */
export const TIMEOUT_MS = 60_000

export interface RenderedPage {
  /** The data-customer-id rendered; undefined when left out. */
  hint: string | undefined
  /** Whom the session named as the page was rendered ('' for a guest). */
  liveAtRender: string
}

function tag(attributes: [string, string][]): string {
  const text = attributes.map(([name, value]) => ` ${name}="${value.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`).join('')
  return `<script type="module" src="/dist/stencil-b2b-auth.js"${text}></script>`
}

/** What runs in the page before the module: see the file's comment. */
function instrument(flags: PageFlags, clockMs: number): string {
  return `<script>(() => {
  localStorage.setItem('test-clock-offset', '${clockMs}')
  const w = window
  w.__events = []
  addEventListener('b2b-auth:change', (event) => w.__events.push(JSON.stringify(event.detail)))
  w.__calls = []
  w.__used = []
  w.__call = (kind, run) => {
    const call = { kind, done: false }
    w.__calls.push(call)
    Promise.resolve()
      .then(run)
      .then(
        (value) => Object.assign(call, { done: true, value: value === undefined ? null : value }),
        (error) => {
          let text = ''
          try { text = JSON.stringify(error) } catch {}
          Object.assign(call, { done: true, error: { code: typeof error?.code === 'string' ? error.code : null, message: String(error?.message ?? error), text } })
        },
      )
    return w.__calls.length - 1
  }
  const originalFetch = w.fetch
  w.fetch = function (input, init) {
    try {
      if (init && typeof init.body === 'string' && init.body.includes('SchedWho')) {
        const bearer = new Headers(init.headers).get('authorization')
        if (bearer) w.__used.push(bearer.replace(/^Bearer\\s+/i, ''))
      }
    } catch {}
    return originalFetch.apply(this, arguments)
  }
  ${flags.noBroadcastChannel ? 'delete w.BroadcastChannel' : ''}
  ${flags.noLocks ? "Object.defineProperty(Navigator.prototype, 'locks', { get: () => undefined, configurable: true })" : ''}
  ${
    flags.portal
      ? `const onLogout = []
  w.b2b = {
    callbacks: { addEventListener: (name, callback) => { if (name === 'on-logout') onLogout.push(callback) } },
    utils: { user: { logout: () => onLogout.forEach((callback) => callback()), loginWithB2BStorefrontToken: () => {} } },
  }
  w.__portalLogout = () => (onLogout.forEach((callback) => callback()), onLogout.length)`
      : ''
  }
  ;(w.b2bAuthReady = w.b2bAuthReady || []).push((b2bAuth) => w.__call('boot', () => b2bAuth.getB2BToken()))
})()</script>`
}

export function renderSchedulePage(
  ctx: PageContext,
  hintMode: string,
  flags: PageFlags,
  clockMs: number,
): { html: string; rendered: RenderedPage } {
  const hint =
    hintMode === 'live'
      ? ctx.customerId
      : hintMode === 'stale-1'
        ? '1'
        : hintMode === 'stale-2'
          ? '2'
          : hintMode === 'stale-guest'
            ? ''
            : undefined
  const attributes: [string, string][] = [
    ['data-store-hash', ctx.storeHash],
    ['data-channel-id', '1'],
    ['data-graphql-endpoint', ctx.b2bUrl],
    ['data-timeout-ms', String(TIMEOUT_MS)],
    ...(hint === undefined ? [] : ([['data-customer-id', hint]] as [string, string][])),
  ]
  const second = flags.secondTag === 'same' ? tag(attributes) : flags.secondTag === 'reordered' ? tag([...attributes].reverse()) : ''
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>Storefront</title>
${pageScript()}
${instrument(flags, clockMs)}
${tag(attributes)}
${second}
</head><body><h1>Storefront</h1></body></html>`
  return { html, rendered: { hint, liveAtRender: ctx.customerId } }
}
