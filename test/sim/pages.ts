// The storefront's HTML pages: the ones a test registers with sim.setPage(), rendered with the
// little Stencil the sim knows, and the 404 page for everything else.
import { type Exchange, send } from './exchange'

export interface PageContext {
  /** '' for a guest, like Stencil's {{customer.id}}. */
  customerId: string
  storeHash: string
  channelId: number
  b2bUrl: string
  storefrontUrl: string
  query: URLSearchParams
}

export type PageRender = string | ((ctx: PageContext) => string)

function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`=]/g, (c) => `&#${c.charCodeAt(0)};`)
}

/**
 * Renders the little Stencil (Handlebars) this sim knows, HTML-escaped like `{{ }}`:
 * `{{customer.id}}`, `{{settings.store_hash}}`, `{{settings.channel_id}}`, `{{b2b_url}}`,
 * `{{storefront_url}}`, and non-nested `{{#if customer.id}}…{{else}}…{{/if}}`.
 */
export function fillPlaceholders(template: string, ctx: PageContext): string {
  const values: Record<string, string> = {
    'customer.id': ctx.customerId,
    'settings.store_hash': ctx.storeHash,
    'settings.channel_id': String(ctx.channelId),
    b2b_url: ctx.b2bUrl,
    storefront_url: ctx.storefrontUrl,
  }
  return template
    .replace(/\{\{#if\s+([\w.]+)\s*\}\}([\s\S]*?)(?:\{\{else\}\}([\s\S]*?))?\{\{\/if\}\}/g, (_m, key: string, yes: string, no?: string) =>
      values[key] ? yes : (no ?? ''),
    )
    .replace(/\{\{\s*([\w.]+)\s*\}\}/g, (match, key: string) => {
      const value = values[key]
      return value === undefined ? match : escapeHtml(value)
    })
}

export function notFoundPage(ex: Exchange): void {
  send(
    ex,
    404,
    { 'Content-Type': 'text/html; charset=utf-8' },
    '<!doctype html><title>Not found</title><h1>Page not found</h1><p>The page you were looking for does not exist on this simulated storefront.</p>',
  )
}

/** The pages a test registered. Kept across sim.reset(): a suite registers its pages once. */
export class Pages {
  private readonly renders = new Map<string, PageRender>()
  private readonly headers = new Map<string, Record<string, string>>()

  set(path: string, render: PageRender, headers?: Record<string, string>): void {
    this.renders.set(path, render)
    if (headers) this.headers.set(path, headers)
    else this.headers.delete(path)
  }

  has(path: string): boolean {
    return this.renders.has(path)
  }

  /** The page at `path`, or the 404 page. `context` is only built for a page that exists. */
  answer(ex: Exchange, path: string, context: () => PageContext): void {
    const render = this.renders.get(path)
    if (render === undefined) {
      notFoundPage(ex)
      return
    }
    const ctx = context()
    const html = typeof render === 'string' ? fillPlaceholders(render, ctx) : render(ctx)
    // The page's own headers last: a registered Content-Type or CSP wins.
    send(ex, 200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...this.headers.get(path) }, html)
  }
}
