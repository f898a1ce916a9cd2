import type { Locator, Page } from 'playwright-core'

/** The badge's custom element. */
export const BADGE = 'stencil-b2b-auth-badge'

/** The badge's host element. */
export const badge = (page: Page): Locator => page.locator(BADGE)

/** An element of the badge's shadow tree (Playwright's CSS locators pierce open shadow roots). */
export const inBadge = (page: Page, selector: string): Locator => page.locator(`${BADGE} ${selector}`)

/** Resolves once the badge shows `state` (its root's data-state). */
export async function badgeState(page: Page, state: string): Promise<void> {
  await inBadge(page, `.root[data-state="${state}"]`).waitFor()
}

/** Everything the page shows in text: its markup (attributes and title included) and the badge's shadow tree. */
export const pageText = (page: Page): Promise<string> =>
  page.evaluate((tag) => [document.documentElement.outerHTML, document.querySelector(tag)?.shadowRoot?.innerHTML ?? ''].join('\n'), BADGE)
