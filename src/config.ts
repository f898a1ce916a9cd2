import { B2BAuthError } from './errors'

/** The B2B Edition app client id the seed documents; see the README on when to change it. */
export const DEFAULT_CLIENT_ID = 'dl7c39mdpul6hyc489yk0vzxl6jesyx'
export const DEFAULT_GRAPHQL_ENDPOINT = 'https://api-b2b.bigcommerce.com/graphql'
export const DEFAULT_TIMEOUT_MS = 10_000

/**
 * What `configure()` accepts. Every field is optional; the script tag's `data-*` attributes give
 * the same fields.
 */
export interface B2BAuthConfigInput {
  /** `data-channel-id`: the storefront channel, a positive integer; default 1. */
  channelId?: number | string
  /** `data-store-hash`: when set, a JWT of another store is refused. */
  storeHash?: string
  /**
   * `data-customer-id`: the theme's `{{customer.id}}`. `''` or `null` means a guest page (no
   * request, cached tokens dropped); an id lets a cached token be used with no request;
   * `undefined` means unknown, so `current.jwt` is asked.
   */
  customerId?: string | number | null
  /** `data-client-id`: the B2B Edition app client id sent as `app_client_id`. */
  clientId?: string
  /** `data-graphql-endpoint`: https, or http on localhost for development. */
  graphqlEndpoint?: string
  /** `data-timeout-ms`: the longest one request may take; default 10000. */
  timeoutMs?: number | string
}

export interface Config {
  channelId: number
  storeHash: string | undefined
  /** undefined: unknown; null: guest page; else the customer id as a string. */
  customerId: string | null | undefined
  clientId: string
  graphqlEndpoint: string
  timeoutMs: number
}

const ATTRIBUTES: Record<keyof B2BAuthConfigInput, string> = {
  channelId: 'data-channel-id',
  storeHash: 'data-store-hash',
  customerId: 'data-customer-id',
  clientId: 'data-client-id',
  graphqlEndpoint: 'data-graphql-endpoint',
  timeoutMs: 'data-timeout-ms',
}

const LOCAL_HOSTS = ['localhost', '127.0.0.1', '[::1]']

/**
 * Validates input into a Config, or throws a `config` B2BAuthError that names the attribute (when
 * the input came from the script tag) or the option.
 */
export function parseConfig(input: B2BAuthConfigInput, fromTag = false): Config {
  const fail = (key: keyof B2BAuthConfigInput, rule: string, value: unknown): never => {
    const name = fromTag ? ATTRIBUTES[key] : key
    throw new B2BAuthError('config', `${name} ${rule} (got ${JSON.stringify(String(value)).slice(0, 60)})`)
  }
  const integer = (key: 'channelId' | 'timeoutMs', fallback: number): number => {
    const raw = input[key]
    if (raw === undefined) return fallback
    const value = typeof raw === 'number' ? raw : /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN
    return Number.isSafeInteger(value) && value > 0 ? value : fail(key, 'must be a positive integer', raw)
  }
  const word = (key: 'storeHash' | 'clientId'): string | undefined => {
    const raw = input[key]?.trim()
    if (!raw) return undefined
    return /^[\w-]{1,64}$/.test(raw) ? raw : fail(key, 'must be letters and digits only', raw)
  }

  let customerId: string | null | undefined = undefined
  const rawCustomer = input.customerId
  if (rawCustomer === null || (typeof rawCustomer === 'string' && rawCustomer.trim() === '')) {
    customerId = null
  } else if (rawCustomer !== undefined) {
    customerId = String(rawCustomer).trim()
    // An unrendered "{{customer.id}}" lands here: say so rather than treat it as an id.
    if (!/^\d{1,20}$/.test(customerId)) fail('customerId', 'must be a customer id, or empty for a guest', rawCustomer)
  }

  const endpoint = input.graphqlEndpoint?.trim() || DEFAULT_GRAPHQL_ENDPOINT
  let url: URL | undefined
  try {
    url = new URL(endpoint)
  } catch {
    fail('graphqlEndpoint', 'must be an absolute URL', endpoint)
  }
  // The customer JWT is a bearer credential: never send it in clear text off this machine.
  if (!url || !(url.protocol === 'https:' || (url.protocol === 'http:' && LOCAL_HOSTS.includes(url.hostname)))) {
    fail('graphqlEndpoint', 'must be https (or http on localhost)', endpoint)
  }

  return {
    channelId: integer('channelId', 1),
    storeHash: word('storeHash'),
    customerId,
    clientId: word('clientId') ?? DEFAULT_CLIENT_ID,
    graphqlEndpoint: endpoint,
    timeoutMs: integer('timeoutMs', DEFAULT_TIMEOUT_MS),
  }
}

/** The config input a script element's `data-*` attributes give; absent attributes stay absent. */
export function readScriptConfig(script: Element): B2BAuthConfigInput {
  const input: Record<string, string> = {}
  for (const [key, attribute] of Object.entries(ATTRIBUTES)) {
    const value = script.getAttribute(attribute)
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
    scripts.find((s) => /\/stencil-b2b-auth(\.min)?\.js$/.test(new URL(s.src, doc.baseURI).pathname))
  )
}

export function sameConfig(a: Config, b: Config): boolean {
  return (Object.keys(a) as (keyof Config)[]).every((k) => a[k] === b[k])
}
