import { readFileSync } from 'node:fs'
import { join } from 'node:path'
// @ts-expect-error: stencil-paper ships no types
import Paper from '@bigcommerce/stencil-paper'

const SNIPPETS = join(import.meta.dirname, '../../theme-snippets')

/** A snippet file of theme-snippets/, as a theme would hold it. */
export const snippet = (path: string) => readFileSync(join(SNIPPETS, path), 'utf8')

export interface StencilContext {
  /** The signed-in customer's id; absent for a guest (then `customer` is not in the context). */
  customerId?: number
  storeHash: string
  channelId?: number
  /** Theme settings, as config.json's `settings` and the merchant's choices in Page Builder. */
  themeSettings?: Record<string, unknown>
  /** The CSP nonce Stencil puts in `{{nonce}}`. */
  nonce?: string
  /** The storefront CDN base for `{{cdn}}`; with `themeVersion`, paths are /stencil/<version>/… */
  cdnUrl: string
  themeVersion?: string
}

/**
 * Renders templates with @bigcommerce/stencil-paper, the renderer Stencil uses, with a context
 * shaped as a store's: `customer`, `settings`, `theme_settings`, the nonce and the CDN. A template
 * that does not render throws, failing the test.
 */
export async function renderStencil(
  templates: Record<string, string>,
  page: string,
  ctx: StencilContext,
): Promise<string> {
  const config = JSON.parse(snippet('config.json')) as { settings: Record<string, unknown> }
  const themeSettings = { ...config.settings, ...ctx.themeSettings }
  const siteSettings = { cdn_url: ctx.cdnUrl, ...(ctx.themeVersion ? { theme_version_id: ctx.themeVersion } : {}) }
  const assembler = {
    getTemplates: (_path: string, processor: (t: Record<string, string>) => unknown) => Promise.resolve(processor(templates)),
    getTranslations: () => Promise.resolve({}),
  }
  // Paper wants the console itself (a stand-in object left its promises unsettled here).
  const params = ctx.nonce ? { security: { nonce: ctx.nonce } } : {}
  const paper = new Paper(siteSettings, themeSettings, assembler, 'handlebars-v4', console, 'info', params)
  await paper.loadTheme(page, 'en')
  const context = {
    ...(ctx.customerId === undefined ? {} : { customer: { id: ctx.customerId, name: 'Customer' } }),
    settings: { store_hash: ctx.storeHash, ...(ctx.channelId === undefined ? {} : { channel_id: ctx.channelId }) },
    theme_settings: themeSettings,
    urls: { account: { index: '/account.php' } },
  }
  return paper.render(page, context)
}

/** A base layout like Cornerstone's, with the snippets included where a theme includes them. */
export function layout(body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Stencil storefront</title></head>
<body>
<h1>Stencil storefront</h1>
${body}
{{> components/b2b-auth}}
</body></html>`
}
