import { ownCopy } from './own'

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
 * for whom. Nothing is checked here: net/checked-config.ts checks every setting, with an error naming it,
 * before the network is first used. An invalid channel or customer id can match no stored token
 * (only checked settings ever store one), so until then it is harmless.
 */
export interface UncheckedConfig {
  channelId: number
  storeHash: string | undefined
  /** undefined: unknown; null: guest page; else the customer id as given. */
  customerId: string | null | undefined
  /** @mangled */
  given: B2BAuthConfigInput
  /** Whether errors should name `data-*` attributes (the script tag) or options (configure()). @mangled */
  fromTag: boolean
}

/** Settings are trimmed; an empty one is absent, but for the customer id (a guest page). */
export const trimmed = (value: unknown): string | undefined => (value == null ? undefined : String(value).trim())

export function parseConfig(input: B2BAuthConfigInput, fromTag = false): UncheckedConfig {
  const customerId = trimmed(input.customerId)
  return {
    // An empty channel reads 0, which net/checked-config.ts refuses, as it does anything not a positive integer.
    channelId: Number(trimmed(input.channelId) ?? 1),
    storeHash: trimmed(input.storeHash) || undefined,
    customerId: input.customerId === null || customerId === '' ? null : customerId,
    given: input,
    fromTag,
  }
}

/** `channelId` is given by the `data-channel-id` attribute, and so on. */
export const attribute = (key: string) => 'data-' + key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())

export const KEYS = ['channelId', 'storeHash', 'customerId', 'clientId', 'graphqlEndpoint', 'timeoutMs'] as const

/**
 * Set instead of every setting when the page's module tags disagree: the flow refuses it with a
 * `config` error before anything is sent, and with no customer id nothing cached is served either.
 * No attribute gives this key: a camelCased attribute name starts lowercase.
 */
export const CONFLICT = 'Conflict'

/**
 * Every `data-*` attribute of a script element, camelCased as `dataset` gives them
 * (`data-channel-id` is `channelId`), in an object without a prototype (see own.ts). All of them,
 * so that one that looks like a server credential can be refused by name; absent ones stay absent.
 */
export const readScriptConfig = (script: HTMLElement): B2BAuthConfigInput => ownCopy(script.dataset)

/**
 * The settings of the module's own script tag; undefined when the page has none. A module script
 * has no `document.currentScript`, so the tag is found by its `src`: the module's own URL, else
 * the bundle's file name (for a copy bundled into the theme's code, which has another URL). Markup
 * injected into the page must not choose where the JWT goes, and which of those tags ran cannot be
 * told: tags that disagree (an inert or CSP-blocked decoy among them, or a decoy adding data-*
 * attributes to a tag that has none) give no settings but CONFLICT.
 */
export function scriptConfig(doc: Document, moduleUrl: string): B2BAuthConfigInput | undefined {
  const scripts = [...doc.scripts]
  let tags = scripts.filter((s) => s.src == moduleUrl)
  // A bundled copy: the page's tags by file name. One without data-* attributes (the tag of another
  // copy, which configured the shared engine itself) says nothing to disagree with.
  if (!tags[0]) tags = scripts.filter((s) => /\/stencil-b2b-auth\.js\b/.test(s.src) && Object.keys(s.dataset)[0])
  const inputs = tags.map(readScriptConfig)
  // Settings, not their order: the replacer lists the names, sorted, and JSON keeps to that order.
  return new Set(inputs.map((input) => JSON.stringify(input, Object.keys(input).sort()))).size > 1
    ? ({ [CONFLICT]: 1 } as B2BAuthConfigInput)
    : inputs[0]
}

export function sameConfig(a: UncheckedConfig, b: UncheckedConfig): boolean {
  // Both built by parseConfig, so with the same keys in the same order.
  return JSON.stringify(a) == JSON.stringify(b)
}
