import { attribute, CONFLICT, KEYS, trimmed, type B2BAuthConfigInput, type UncheckedConfig } from '../core/config'
import { B2BAuthError } from '../core/errors'

/**
 * The Buyer Portal's production client id since May 2026 (b2b-buyer-portal PRs #868-#872,
 * `apps/storefront/src/shared/service/request/base.ts`); without data-client-id the legacy one is
 * tried too (client-id.ts). See the README's "Which client id".
 */
export const DEFAULT_CLIENT_ID = 'qxvapwlk4fbb9dyogdcxk9o50d9jqjo'
/**
 * The id BigCommerce's B2B Edition docs give (bigcommerce/docs
 * `docs/b2b-edition/authentication/hosted-auth.mdx`), which the Portal calls the legacy app's.
 */
export const LEGACY_CLIENT_ID = 'dl7c39mdpul6hyc489yk0vzxl6jesyx'
export const DEFAULT_GRAPHQL_ENDPOINT = 'https://api-b2b.bigcommerce.com/graphql'
export const DEFAULT_TIMEOUT_MS = 10_000

/** Every setting checked, with its default: what the network flow runs on. */
export interface CheckedConfig extends UncheckedConfig {
  clientId: string
  graphqlEndpoint: string
  timeoutMs: number
}

// The endpoint rule is the security one: the customer JWT is a bearer credential, sent only over
// https, or over http to this machine for development.
const RULES: Record<keyof B2BAuthConfigInput, [RegExp, string]> = {
  channelId: [/^[1-9]\d{0,9}$/, 'a positive integer'],
  storeHash: [/^[\w-]{1,64}$/, 'letters and digits'],
  // An unrendered "{{customer.id}}" fails here, rather than pass as an id.
  customerId: [/^\d{1,20}$/, 'a customer id, or empty for a guest'],
  clientId: [/^[\w-]{1,64}$/, 'letters and digits'],
  graphqlEndpoint: [
    /^(https:\/\/[^\s/?#@]+|http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?)([/?#]\S*)?$/i,
    'an https URL (http only on localhost)',
  ],
  timeoutMs: [/^[1-9]\d{0,6}$/, 'a positive integer'],
}

/**
 * Checks every setting, in the flow chunk, before anything is sent: a warm page view never needs
 * to. Throws a `config` B2BAuthError naming the attribute (from the script tag) or the option
 * (from configure()). Empty means absent, except for the customer id (a guest page) and the
 * channel (an error).
 */
export function checkConfig(config: UncheckedConfig): CheckedConfig {
  const { given: input, fromTag } = config
  if (CONFLICT in input) {
    throw new B2BAuthError('config', `Several <script> tags load stencil-b2b-auth.js with different data-* attributes: keep one tag`)
  }
  refuseServerCredentials(input as Record<string, unknown>, [], fromTag)
  for (const key of KEYS) {
    const value = trimmed(input[key])
    const [rule, what] = RULES[key]
    if (value === undefined || (value === '' && key !== 'channelId')) continue
    if (!rule.test(value)) {
      throw new B2BAuthError('config', `${fromTag ? attribute(key) : key} must be ${what} (got "${value.slice(0, 60)}")`)
    }
  }
  return {
    ...config,
    clientId: trimmed(input.clientId) || DEFAULT_CLIENT_ID,
    graphqlEndpoint: trimmed(input.graphqlEndpoint) || DEFAULT_GRAPHQL_ENDPOINT,
    timeoutMs: Number(trimmed(input.timeoutMs) || DEFAULT_TIMEOUT_MS),
  }
}

// Names that server-to-server credentials go by: store-level API account tokens (X-Auth-Token),
// client secrets, B2B REST management tokens, passwords of backend users.
const SERVER_CREDENTIAL = /secret|x-?auth|auth-?token|access-?token|api-?(key|token)|^token$|^password$/i

/**
 * The server-to-server methods of B2B Edition's authentication guide (store-level API accounts, X-Auth-Token,
 * /api/v3/io/auth/backend, the REST Management token endpoints) never belong in browser code: an
 * option, or a data-* attribute on the module's tag (the tag's settings hold every one), that
 * looks like one is refused unread.
 */
export function refuseServerCredentials(input: Record<string, unknown>, allowed: string[] = [], fromTag = false): void {
  const found = Object.keys(input).find((name) => !allowed.includes(name) && SERVER_CREDENTIAL.test(attribute(name).slice(5)))
  if (found) {
    throw new B2BAuthError(
      'config',
      `${fromTag ? attribute(found) : found} looks like a server-to-server credential: it must never be in browser code; keep it on a server (see the README)`,
    )
  }
}
