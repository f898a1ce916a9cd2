import type { Page } from 'playwright-core'
import type { PageContext } from '../../sim'
import { ready, type Harness } from '../harness'

export interface ServedOptions {
  /** Registers this page at `path` first (with `headers`); without it, `path` is what the simulator already serves. */
  html?: string | ((ctx: PageContext) => string)
  headers?: Record<string, string>
  /** The tab's viewport, set before the page loads. */
  viewport?: { width: number; height: number }
  /** Wait for window.b2bAuth after the load (default true). */
  ready?: boolean
}

/**
 * Opens `path` as the simulator serves it, in a new tab of the test's context: for pages the
 * harness's open() does not build (rendered themes, hand-made tags, the demo). Unlike open(), a
 * new tab every time, never an emptied one.
 */
export async function openServed(h: Harness, path: string, options: ServedOptions = {}): Promise<Page> {
  const { html } = options
  if (html !== undefined) h.sim.setPage(path.split('?')[0]!, typeof html === 'string' ? () => html : html, options.headers)
  const page = await h.context.newPage()
  if (options.viewport) await page.setViewportSize(options.viewport)
  await page.goto(h.sim.storefrontUrl + path)
  if (options.ready !== false) await ready(page)
  return page
}
