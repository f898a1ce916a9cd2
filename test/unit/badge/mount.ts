import { afterEach, expect } from 'vitest'
import { hideBadge, showBadge } from '../../../src/badge'
import type { B2BAuthApi } from '../../../src/api'
import { TOKEN } from './fake-api'

/** The badge's host element, if shown. */
export const host = () => document.querySelector('stencil-b2b-auth-badge')

/** Inside the badge's shadow root. */
export function $(selector: string): HTMLElement | null {
  return host()?.shadowRoot?.querySelector<HTMLElement>(selector) ?? null
}

export const toggle = () => $('.toggle') as HTMLButtonElement
/** The button's text as a wide screen shows it: without the short line, which CSS hides there. */
export const line = () =>
  [...toggle().childNodes]
    .filter((node) => !(node as Element).classList?.contains('short'))
    .map((node) => node.textContent)
    .join('')
/** The short line, which a narrow screen shows instead. */
export const shortLine = () => $('.short')?.textContent
export const liveRegion = () => $('[role=status]')?.textContent
export const buttons = () => [...(host()?.shadowRoot?.querySelectorAll('button') ?? [])].map((b) => b.textContent)
export const button = (name: string) =>
  [...(host()?.shadowRoot?.querySelectorAll('button') ?? [])].find((b) => b.textContent === name) as HTMLButtonElement | undefined
/** The panel's rows, name → value. */
export const rows = () =>
  Object.fromEntries(
    [...(host()?.shadowRoot?.querySelectorAll('dt') ?? [])].map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]),
  )
/** Everything the badge put in the page: its markup, attributes included. */
export const markup = () => (host()?.outerHTML ?? '') + (host()?.shadowRoot?.innerHTML ?? '')

/** Lets the badge's awaited api calls settle. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

let shown: B2BAuthApi | undefined
export function show(api: B2BAuthApi): void {
  shown = api
  showBadge(api)
}

afterEach(() => {
  // The token must never have been in the badge, whatever the test did.
  expect(markup()).not.toContain(TOKEN)
  if (shown) hideBadge(shown)
  shown = undefined
})
