import { B2BAuthError } from './errors'

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

/** What the warm path needs: where the token is cached, and for whom. */
export interface Config {
  channelId: number
  storeHash: string | undefined
  /** undefined: unknown; null: guest page; else the customer id as a string. */
  customerId: string | null | undefined
  /** Settings only the network flow needs, as given: network-config.ts checks them when used. */
  network: Pick<B2BAuthConfigInput, 'clientId' | 'graphqlEndpoint' | 'timeoutMs'>
  /** Whether errors should name `data-*` attributes (the script tag) or options (configure()). */
  fromTag: boolean
}

export type Rules = { [key in keyof B2BAuthConfigInput]?: [RegExp, string] }

const RULES: Rules = {
  channelId: [/^[1-9]\d{0,9}$/, 'a positive integer'],
  storeHash: [/^[\w-]{1,64}$/, 'letters and digits'],
  // An unrendered "{{customer.id}}" fails here, rather than pass as an id.
  customerId: [/^\d{1,20}$/, 'a customer id, or empty for a guest'],
}

/** `channelId` is given by the `data-channel-id` attribute, and so on. */
const attribute = (key: string) => 'data-' + key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())

const KEYS = ['channelId', 'storeHash', 'customerId', 'clientId', 'graphqlEndpoint', 'timeoutMs'] as const

/**
 * The settings `rules` covers, trimmed and checked; empty means absent, except that an empty
 * customer id means a guest page (null) and an empty channel is an error. Throws a `config`
 * B2BAuthError naming the attribute (from the script tag) or the option (from configure()).
 */
export function checkSettings(input: B2BAuthConfigInput, rules: Rules, fromTag: boolean) {
  const values: { [key in keyof B2BAuthConfigInput]?: string | null } = {}
  for (const key of KEYS) {
    const rule = rules[key]
    const raw = input[key]
    const value = raw == null ? raw : String(raw).trim()
    if (!rule) continue
    if (key === 'customerId' && !value) {
      if (value !== undefined) values[key] = null
    } else if (value || (key === 'channelId' && value === '')) {
      if (!rule[0].test(value)) {
        throw new B2BAuthError('config', `${fromTag ? attribute(key) : key} must be ${rule[1]} (got "${value.slice(0, 60)}")`)
      }
      values[key] = value
    }
  }
  return values
}

/** Checks the settings the warm path needs; the network ones are checked when first used. */
export function parseConfig(input: B2BAuthConfigInput, fromTag = false): Config {
  const values = checkSettings(input, RULES, fromTag)
  const { clientId, graphqlEndpoint, timeoutMs } = input
  return {
    channelId: Number(values.channelId ?? 1),
    storeHash: values.storeHash ?? undefined,
    customerId: values.customerId,
    network: { clientId, graphqlEndpoint, timeoutMs },
    fromTag,
  }
}

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
  const scripts = Array.from(doc.querySelectorAll<HTMLScriptElement>('script[src]'))
  return (
    scripts.find((s) => s.src === moduleUrl) ??
    scripts.find((s) => /\/stencil-b2b-auth(\.min)?\.js([?#]|$)/.test(s.src))
  )
}

export function sameConfig(a: Config, b: Config): boolean {
  // Both built by parseConfig, so with the same keys in the same order.
  return JSON.stringify(a) === JSON.stringify(b)
}
