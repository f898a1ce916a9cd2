// What a test may change about the simulated store, and the defaults it gets otherwise. Resolved
// once in startSim, so every part of the sim reads one complete set of options.
import { resolve } from 'node:path'
import { DEFAULT_CUSTOMERS, DEFAULT_DIST_DIR, LEGACY_CLIENT_ID, PORTAL_CLIENT_ID, type SimCustomer } from './fixtures'

export interface SimChannel {
  live: boolean
  b2b?: boolean | undefined
}

export interface SimOptions {
  storeHash?: string | undefined
  /** App client id -> HS256 client secret. */
  clientSecrets?: Record<string, string> | undefined
  /**
   * The app client ids whose JWTs the B2B endpoint's authorization accepts (checks `aud` and the
   * signature with that app's secret). Default both known ids (Assumption A16); [] accepts none.
   */
  acceptedClientIds?: string[] | undefined
  /**
   * The store setting under which the API refuses a pending company (the Buyer Portal maps that
   * refusal, `apps/storefront/src/utils/companyUtils.ts`). Default off (Assumption A8).
   */
  refusePendingCompanies?: boolean | undefined
  /**
   * Per channel: `live`, and `b2b` (default true), whether B2B Edition is on for it, which the
   * Buyer Portal reads from storeBasicInfo before it mounts.
   */
  channels?: Record<number, SimChannel> | undefined
  /** The Buyer Portal's feature flags (`storefrontConfigs`), by key; values as the API sends them ('true'). */
  portalFlags?: Record<string, string> | undefined
  customers?: SimCustomer[] | undefined
  /** Added before every response of both servers. */
  latencyMs?: number | undefined
  /** Shape of the B2B token the authorization mutation returns. */
  tokenStyle?: 'jwt' | 'opaque' | undefined
  tokenLifetimeSec?: number | undefined
  jwtLifetimeSec?: number | undefined
  /** current.jwt body: the raw JWT (as documented) or `{"token":"..."}`. */
  currentJwtBody?: 'text' | 'json' | undefined
  /**
   * current.jwt answered cacheable (Assumption A19; default true), or no-store. The real Buyer
   * Portal reads it with a plain fetch(), through the HTTP cache: its tests turn this off.
   */
  currentJwtCacheable?: boolean | undefined
  /** Served at /dist/*. */
  distDir?: string | undefined
  /**
   * The Cache-Control of /dist/* files. Default 'no-cache' (every test sees the build it runs);
   * the bench serves them as a theme CDN serves versioned assets, from the HTTP cache.
   */
  distCacheControl?: string | undefined
  storefrontPort?: number | undefined
  b2bPort?: number | undefined
}

export interface ResolvedSimOptions {
  storeHash: string
  clientSecrets: Record<string, string>
  acceptedClientIds: string[]
  /** Signs storefrontLoginTokens: the first accepted id, else the Portal's (Assumption A17). */
  installedClientId: string
  refusePendingCompanies: boolean
  channels: Record<number, SimChannel>
  portalFlags: Record<string, string>
  customers: SimCustomer[]
  latencyMs: number
  tokenStyle: 'jwt' | 'opaque'
  tokenLifetimeSec: number
  jwtLifetimeSec: number
  currentJwtBody: 'text' | 'json'
  currentJwtCacheable: boolean
  distDir: string
  distCacheControl: string
  /** The ports actually bound. */
  storefrontPort: number
  b2bPort: number
}

export function resolveOptions(input: SimOptions): ResolvedSimOptions {
  // Copied: a test that changes a customer in its own list does not change a running sim's.
  const customers = (input.customers ?? DEFAULT_CUSTOMERS).map((c) => ({ ...c }))
  return {
    storeHash: input.storeHash ?? 'simstore1',
    clientSecrets: input.clientSecrets ?? { [LEGACY_CLIENT_ID]: 'legacy-secret', [PORTAL_CLIENT_ID]: 'portal-secret' },
    acceptedClientIds: input.acceptedClientIds ?? [PORTAL_CLIENT_ID, LEGACY_CLIENT_ID],
    installedClientId: input.acceptedClientIds?.[0] ?? PORTAL_CLIENT_ID,
    refusePendingCompanies: input.refusePendingCompanies ?? false,
    channels: input.channels ?? { 1: { live: true }, 2: { live: true }, 3: { live: false } },
    portalFlags: { ...input.portalFlags },
    customers,
    latencyMs: input.latencyMs ?? 0,
    tokenStyle: input.tokenStyle ?? 'jwt',
    tokenLifetimeSec: input.tokenLifetimeSec ?? 86_400,
    jwtLifetimeSec: input.jwtLifetimeSec ?? 900,
    currentJwtBody: input.currentJwtBody ?? 'text',
    currentJwtCacheable: input.currentJwtCacheable ?? true,
    distDir: resolve(input.distDir ?? DEFAULT_DIST_DIR),
    distCacheControl: input.distCacheControl ?? 'no-cache',
    storefrontPort: input.storefrontPort ?? 0,
    b2bPort: input.b2bPort ?? 0,
  }
}
