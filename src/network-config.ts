import { checkSettings, type Config, type Rules } from './config'

/** The B2B Edition app client id the seed documents; see the README on when to change it. */
export const DEFAULT_CLIENT_ID = 'dl7c39mdpul6hyc489yk0vzxl6jesyx'
export const DEFAULT_GRAPHQL_ENDPOINT = 'https://api-b2b.bigcommerce.com/graphql'
export const DEFAULT_TIMEOUT_MS = 10_000

/** The settings the network flow needs, checked, with their defaults. */
export interface NetworkConfig extends Config {
  clientId: string
  graphqlEndpoint: string
  timeoutMs: number
}

// The endpoint rule is the security one: the customer JWT is a bearer credential, sent only over
// https, or over http to this machine for development.
const RULES: Rules = {
  clientId: [/^[\w-]{1,64}$/, 'letters and digits'],
  graphqlEndpoint: [/^(https:\/\/[^\s/?#@]+|http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?)([/?#]\S*)?$/i, 'an https URL (http only on localhost)'],
  timeoutMs: [/^[1-9]\d{0,6}$/, 'a positive integer'],
}

/**
 * Checked here, in the flow chunk, rather than at load: a warm page view never uses them. Throws
 * the same `config` error, naming the attribute or option, before anything is sent.
 */
export function networkConfig(config: Config): NetworkConfig {
  const values = checkSettings(config.network, RULES, config.fromTag)
  return {
    ...config,
    clientId: values.clientId ?? DEFAULT_CLIENT_ID,
    graphqlEndpoint: values.graphqlEndpoint ?? DEFAULT_GRAPHQL_ENDPOINT,
    timeoutMs: Number(values.timeoutMs ?? DEFAULT_TIMEOUT_MS),
  }
}
