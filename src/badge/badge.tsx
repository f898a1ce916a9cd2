import { effect } from '@preact/signals-core'
import { render } from 'preact'
import type { B2BAuthApi } from '../api'
import { createModel, update } from './model'
import { CSS } from './styles'
import { Badge } from './view'

const TAG = 'stencil-b2b-auth-badge'
// The host keeps its own teardown, so whichever copy of the chunk is asked can take it down.
const TEARDOWN = Symbol.for('stencil-b2b-auth:badge')
type Host = HTMLElement & { [TEARDOWN]?: () => void }

// A showBadge() waiting for the token's first read: hideBadge() calls it off.
let waiting: (() => void) | undefined

/**
 * Shows the badge, once a page, on its own element at the end of <body>, inside a shadow root.
 * While the page's token is being read from IndexedDB (loading, no request on its way) it waits
 * for the answer: drawing it meanwhile would hold up the IndexedDB callback that hands the token
 * to the page, by some 7 ms on a warm page (`npm run bench`). A cold page shows it as its mint
 * begins, so "checking" is seen while the network is asked.
 */
export function showBadge(api: B2BAuthApi): void {
  const { state, refreshing } = api.getB2BStatus()
  if (state == 'loading' && !refreshing) {
    waiting ??= api.onB2BTokenChange((status) => {
      if (status.state == 'loading' && !status.refreshing) return
      waiting?.()
      waiting = undefined
      showBadge(api)
    })
    return
  }
  if (document.querySelector(TAG)) return
  const host: Host = document.createElement(TAG)
  const shadow = host.attachShadow({ mode: 'open' })
  // A constructed sheet: a theme's CSP may refuse an inline <style>, never this.
  const sheet = new CSSStyleSheet()
  sheet.replaceSync(CSS)
  shadow.adoptedStyleSheets = [sheet]
  const container = shadow.appendChild(document.createElement('div'))
  ;(document.body ?? document.documentElement).append(host)

  const model = createModel(api, () => hideBadge(api))
  // The theme's corner, read where its CSS applies.
  const corner = getComputedStyle(host).getPropertyValue('--b2b-auth-badge-corner').trim()
  if (corner) host.setAttribute('data-corner', corner)
  const stop = api.onB2BTokenChange((status) => update(model, status))
  // "expires in" counts down: the only timer, and only while the badge is shown.
  const tick = setInterval(() => (model.now.value = Date.now()), 1000)
  // Rendered again whenever a signal it read changes.
  const unrender = effect(() => render(<Badge model={model} />, container))

  host[TEARDOWN] = () => {
    stop()
    clearInterval(tick)
    unrender()
    render(null, container)
    host.remove()
  }
}

/** Removes the badge and stops listening. */
export function hideBadge(_api: B2BAuthApi): void {
  waiting?.()
  waiting = undefined
  const host = document.querySelector<Host>(TAG)
  if (host) (host[TEARDOWN] ?? (() => host.remove()))()
}
