/**
 * What `configure()` accepts. Every field is optional; the script tag's `data-*` attributes give
 * the same fields.
 */
export interface B2BAuthConfigInput {
  /** `data-channel-id`: the storefront channel, a positive integer; default 1. */
  channelId?: number | string | undefined
  /** `data-store-hash`: when set, a JWT of another store is refused. */
  storeHash?: string | undefined
  /**
   * `data-customer-id`: the theme's `{{customer.id}}`. `''` or `null` means a guest page (no
   * request, cached tokens dropped); an id lets a cached token be used with no request;
   * `undefined` means unknown, so `current.jwt` is asked.
   */
  customerId?: string | number | null | undefined
  /** `data-client-id`: the B2B Edition app client id sent as `app_client_id`. */
  clientId?: string | undefined
  /** `data-graphql-endpoint`: https, or http on localhost for development. */
  graphqlEndpoint?: string | undefined
  /** `data-timeout-ms`: the longest one request may take; default 10000. */
  timeoutMs?: number | string | undefined
}

/**
 * The settings as given, and what the warm path reads from them: where the token is cached, and
 * for whom. Nothing is checked here: settings.ts checks every setting, with an error naming it,
 * before the network is first used. An invalid channel or customer id can match no stored token
 * (only checked settings ever store one), so until then it is harmless.
 */
export interface Config {
  channelId: number
  storeHash: string | undefined
  /** undefined: unknown; null: guest page; else the customer id as given. */
  customerId: string | null | undefined
  input: B2BAuthConfigInput
  /** Whether errors should name `data-*` attributes (the script tag) or options (configure()). */
  fromTag: boolean
}

/** Settings are trimmed; an empty one is absent, but for the customer id (a guest page). */
export const trimmed = (value: unknown): string | undefined => (value == null ? undefined : String(value).trim())

export function parseConfig(input: B2BAuthConfigInput, fromTag = false): Config {
  const customerId = trimmed(input.customerId)
  return {
    // An empty channel reads 0, which settings.ts refuses, as it does anything not a positive integer.
    channelId: Number(trimmed(input.channelId) ?? 1),
    storeHash: trimmed(input.storeHash) || undefined,
    customerId: input.customerId === null || customerId === '' ? null : customerId,
    input,
    fromTag,
  }
}

/** `channelId` is given by the `data-channel-id` attribute, and so on. */
export const attribute = (key: string) => 'data-' + key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())

export const KEYS = ['channelId', 'storeHash', 'customerId', 'clientId', 'graphqlEndpoint', 'timeoutMs'] as const

/** The config input a script element's `data-*` attributes give; absent attributes stay absent. */
export function readScriptConfig(script: Element): B2BAuthConfigInput {
  const input: Record<string, string> = {}
  for (const key of KEYS) {
    const value = script.getAttribute(attribute(key))
    if (value !== null) input[key] = value
  }
  return input
}

/**
 * The module's own script element. A module script has no `document.currentScript`, so match
 * `src` against `import.meta.url`; a copy of the module bundled into the theme's code has another
 * URL, and finds the page's tag by the bundle's file name instead.
 */
export function findOwnScript(doc: Document, moduleUrl: string): HTMLScriptElement | undefined {
  const scripts = [...doc.scripts]
  return (
    scripts.find((s) => s.src === moduleUrl) ??
    scripts.find((s) => /\/stencil-b2b-auth(\.min)?\.js([?#]|$)/.test(s.src))
  )
}

export function sameConfig(a: Config, b: Config): boolean {
  // Both built by parseConfig, so with the same keys in the same order.
  return JSON.stringify(a) == JSON.stringify(b)
}
