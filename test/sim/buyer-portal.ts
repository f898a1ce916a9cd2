// The real Buyer Portal on the simulated storefront: its built bundle served at /bp/, and what it
// asks of the B2B API and the storefront that the module never does. The bundle is
// bigcommerce/b2b-buyer-portal's storefront app (MIT) at a pinned commit, built once outside this
// repository (its SNAPSHOT.md, beside it, says how, how a page starts it and each request it
// makes); it is found at BUYER_PORTAL_DIR, else /work/shared/buyer-portal/dist, as the Cornerstone
// theme of the init tests is. Every answer here follows what the Portal's source reads (paths
// under its `apps/storefront/src/`), and every B2B document it sends is still validated against
// the schema, with the two fields it asks that the published schema lacks added below as
// assumptions.
import { existsSync } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { extname, resolve, sep } from 'node:path'
import type { B2bTokens } from './b2b-tokens'
import { type Exchange, isObject, send, sendJson } from './exchange'
import type { SimCustomer } from './fixtures'
import type { ResolvedSimOptions } from './options'
import { notFoundPage } from './pages'
import { clearedSessionCookie, sessionCookie } from './sessions'
import type { SimState } from './state'

/** Where the built Portal is: BUYER_PORTAL_DIR, else the shared fixture. */
export const BUYER_PORTAL_DIR = resolve(process.env.BUYER_PORTAL_DIR ?? '/work/shared/buyer-portal/dist')
/** The B2B origin the build baked in (SNAPSHOT.md): replaced by the sim's in every file served. */
const BAKED_B2B_ORIGIN = 'http://127.0.0.1:47999'
/** The flag that switches the Portal's sign-in to the storefront-first flow (its PR #927). */
export const PORTAL_STOREFRONT_FIRST_FLAG = 'PROJECT-7920.use_bc_login_and_authorisation'

export function hasBuyerPortal(): boolean {
  return existsSync(resolve(BUYER_PORTAL_DIR, 'index.js'))
}

/**
 * Assumptions A21 and A22: the two fields the Portal's documents ask that the published schema
 * (2025-06) lacks, typed as the Portal reads them (`shared/service/b2b/graphql/global.ts`:
 * `storeBasicInfo { … backorderEnabled … }`, `storefrontSettings(storeHash:) { backorderDisplaySettings
 * { … } }`; `components/B3StoreContainer.tsx` and `hooks/useStorefrontSettings` read them).
 */
export const PORTAL_SCHEMA_EXTENSIONS = `
extend type StoreBasicInfoType { backorderEnabled: Boolean }
type SimBackorderDisplaySettings {
  showQuantityOnBackorder: Boolean
  showQuantityOnHand: Boolean
  showBackorderMessage: Boolean
  showDefaultShippingExpectationPrompt: Boolean
  defaultShippingExpectationPrompt: String
}
type SimStorefrontSettings { backorderDisplaySettings: SimBackorderDisplaySettings }
extend type Query { storefrontSettings(storeHash: String!): SimStorefrontSettings }
`

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
}

/** Files as served (the baked origin replaced), by path and B2B origin: read once per sim run. */
const served = new Map<string, Buffer>()

/** GET /bp/<file>: the Portal's bundle, with the sim's B2B origin in place of the baked one. */
export async function sendPortalFile(ex: Exchange, b2bOrigin: string): Promise<void> {
  let relative: string
  try {
    relative = decodeURIComponent(ex.url.pathname.slice('/bp/'.length))
  } catch {
    return notFoundPage(ex)
  }
  const file = resolve(BUYER_PORTAL_DIR, relative)
  if (relative.includes('\0') || !file.startsWith(BUYER_PORTAL_DIR + sep)) return notFoundPage(ex)
  const key = `${b2bOrigin} ${file}`
  let content = served.get(key)
  if (!content) {
    try {
      if (!(await stat(file)).isFile()) return notFoundPage(ex)
      content = await readFile(file)
    } catch {
      return notFoundPage(ex)
    }
    if (extname(file) === '.js') content = Buffer.from(content.toString('utf8').replaceAll(BAKED_B2B_ORIGIN, b2bOrigin))
    served.set(key, content)
  }
  // Cacheable like a CDN's assets: the harness empties the HTTP cache between tests.
  send(ex, 200, { 'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'max-age=600' }, content)
}

/** What the Portal's B2B calls that are not the module's need: the tokens and the store's options. */
export interface PortalResolverDeps {
  options: ResolvedSimOptions
  tokens: B2bTokens
}

/**
 * The root fields the Portal asks at start-up and after signing in, beside the four the module
 * shares with it (b2b-resolvers.ts). Their answers are a plain store: B2B on for every channel
 * that says so, no backorders, one currency, English.
 */
export function portalResolvers({
  options,
  tokens,
}: PortalResolverDeps): Record<string, (args: Record<string, unknown>, ctx: { bearer: string | undefined }) => unknown> {
  return {
    // Mandatory for the Portal to mount (`components/B3StoreContainer.tsx`): one storeSites entry
    // for the channel, with b2bEnabled; multiStorefrontEnabled makes it read that flag.
    storeBasicInfo(args) {
      const channelId = typeof args.bcChannelId === 'number' ? args.bcChannelId : 1
      const channel = options.channels[channelId]
      return {
        storeName: 'Simulated Store',
        storeAddress: '1 Industrial Way, Austin',
        storeCountry: 'United States',
        storeLogo: '',
        storeUrl: '',
        multiStorefrontEnabled: true,
        // Assumption A21.
        backorderEnabled: false,
        storeSites: channel
          ? [
              {
                channelId,
                urls: [],
                iconUrl: '',
                channelLogo: '',
                isEnabled: channel.live,
                b2bEnabled: channel.b2b !== false,
                b3ChannelId: 100 + channelId,
                type: 'storefront',
                platform: 'bigcommerce',
                translationVersion: 0,
              },
            ]
          : [],
        timeFormat: { display: 'M jS Y', export: 'M jS Y', extendedDisplay: 'M jS Y @ g:i A', offset: 0 },
      }
    },
    // The storefront GraphQL token the Portal sends to the storefront's /graphql (`graphqlBC`).
    storeFrontToken() {
      return { token: `sim-storefront-graphql-token-${options.storeHash}` }
    },
    // Feature flags by key (`storefrontConfigs(keys:)`); a test sets them in options.portalFlags.
    storefrontConfigs(args) {
      const keys = Array.isArray(args.keys) ? args.keys.filter((k): k is string => typeof k === 'string') : Object.keys(options.portalFlags)
      return keys
        .filter((key) => Object.hasOwn(options.portalFlags, key))
        .map((key) => ({ key, value: options.portalFlags[key], extraFields: {} }))
    },
    // Assumption A22.
    storefrontSettings() {
      return {
        backorderDisplaySettings: {
          showQuantityOnBackorder: false,
          showQuantityOnHand: false,
          showBackorderMessage: false,
          showDefaultShippingExpectationPrompt: false,
          defaultShippingExpectationPrompt: '',
        },
      }
    },
    storefrontConfig() {
      const on = true
      return {
        configId: 1,
        config: {
          accountSettings: on,
          addressBook: on,
          buyAgain: on,
          dashboard: on,
          invoice: { enabledStatus: false, value: false },
          messages: on,
          orders: on,
          quickOrderPad: on,
          quotes: on,
          recentlyViewed: on,
          returns: on,
          shoppingLists: on,
          tradeProfessionalApplication: false,
          userManagement: on,
          wishLists: on,
        },
      }
    },
    currencies() {
      return {
        currencies: [
          {
            id: '1',
            is_default: true,
            last_updated: '2026-01-01T00:00:00Z',
            country_iso2: 'US',
            default_for_country_codes: ['US'],
            currency_code: 'USD',
            currency_exchange_rate: '1.0000000000',
            name: 'US Dollars',
            token: '$',
            auto_update: false,
            decimal_token: '.',
            decimal_places: 2,
            enabled: true,
            is_transactional: true,
            token_location: 'left',
            thousands_token: ',',
          },
        ],
        channelCurrencies: { channel_id: 1, enabled_currencies: ['USD'], default_currency: 'USD' },
        enteredInclusiveTax: false,
      }
    },
    storefrontDefaultLanguage() {
      return { language: 'en' }
    },
    // Needs a B2B token, as its schema description says.
    storeConfigSwitchStatus(args, ctx) {
      tokens.require(ctx.bearer)
      return { id: '1', key: typeof args.key === 'string' ? args.key : '', isEnabled: '0' }
    },
    // A super admin masquerading as nobody (the Portal asks it for role 3).
    superAdminMasquerading(_args, ctx) {
      tokens.require(ctx.bearer)
      return null
    },
  }
}

/** The bc-storefront proxy's `customer`, as the storefront GraphQL API shapes it. */
function storefrontCustomer(customer: SimCustomer) {
  return {
    entityId: customer.id,
    phone: '',
    firstName: customer.firstName,
    lastName: customer.lastName,
    email: customer.email,
    customerGroupId: Number(customer.groupId ?? '0'),
  }
}

function queryOf(body: unknown): string {
  return isObject(body) && typeof body.query === 'string' ? body.query : ''
}

export type PortalHandlers = ReturnType<typeof portalHandlers>

export function portalHandlers(state: SimState) {
  const b2bOrigin = () => new URL(state.urls().b2bUrl).origin
  return {
    file: (ex: Exchange) => sendPortalFile(ex, b2bOrigin()),

    /**
     * PUT /api/v2/store-configs/channel-storefront-type on the B2B origin: the Portal's start-up
     * tells the API the channel's storefront type (`shared/service/b2b/api/global.ts`), reading
     * only a `code` of 500 as a failure.
     */
    /**
     * GET /login without ?customer=: the store's sign-in page, where the Portal's logout sends the
     * shopper (3 s after it): links that sign one of the store's customers in (the sim's own
     * one-click sign-in), back to the page with the Portal.
     */
    signInPage(ex: Exchange): void {
      const links = state.options.customers
        .map(
          (c) =>
            `<li><a href="/login?customer=${c.id}&amp;redirect=%2Fportal">Sign in as ${c.firstName} ${c.lastName} (customer ${c.id})</a></li>`,
        )
        .join('')
      send(
        ex,
        200,
        { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in</title></head><body><h1>Sign in</h1><p>You are signed out.</p><ul>${links}</ul><p><a href="/">The demo</a></p></body></html>`,
      )
    },

    storefrontType(ex: Exchange): void {
      sendJson(ex, 200, { code: 200, data: {}, message: 'SUCCESS' })
    },

    /**
     * POST /api/v3/proxy/bc-storefront/graphql on the B2B origin: the storefront GraphQL API,
     * proxied for the bearer's customer. The Portal asks it `customer { … }` (`shared/service/bc/
     * graphql/user.ts`); anything else is answered with an error, to be noticed.
     */
    bcProxy(ex: Exchange, raw: Buffer): () => void {
      let body: unknown
      try {
        body = JSON.parse(raw.toString('utf8'))
      } catch {
        return () => sendJson(ex, 400, { errors: [{ message: 'Invalid JSON body' }] })
      }
      ex.entry.body = body
      const asksCustomer = /\bcustomer\s*\{/.test(queryOf(body))
      ex.entry.operation = asksCustomer ? 'proxy:customer' : 'proxy:other'
      return () => {
        if (!asksCustomer) return sendJson(ex, 200, { data: null, errors: [{ message: 'Not implemented in the simulated proxy' }] })
        const bearer = /^Bearer\s+(\S+)$/i.exec(ex.req.headers.authorization ?? '')?.[1]
        if (!bearer) return sendJson(ex, 200, { data: { customer: null } })
        try {
          const { customer } = state.tokens.require(bearer)
          sendJson(ex, 200, { data: { customer: storefrontCustomer(customer) } })
        } catch (error) {
          const { message, extensions } = error as { message: string; extensions?: unknown }
          sendJson(ex, 200, { data: { customer: null }, errors: [{ message, extensions }] })
        }
      }
    },

    /**
     * POST /graphql on the storefront: its own GraphQL Storefront API, same origin, with the
     * session cookie. The Portal asks `site { … }` (tax display, currencies, locales: failures
     * tolerated), `login(email:, password:)` (its sign-in's first step, which signs the session in)
     * and `logout` (its logout button's, `utils/performStorefrontLogout.ts`). This schema is not
     * public in this repository: the documents are matched by their root field, not validated.
     */
    storefrontGraphql(ex: Exchange): void {
      const body = ex.entry.body
      const query = queryOf(body)
      const variables = isObject(body) && isObject(body.variables) ? body.variables : {}
      if (/\bmutation\b[\s\S]*\blogout\b/.test(query)) {
        ex.entry.operation = 'logout'
        state.sessions.signOutRequest(ex.req)
        return sendJson(ex, 200, { data: { logout: { result: 'success' } } }, { 'Set-Cookie': clearedSessionCookie })
      }
      if (/\bmutation\b[\s\S]*\blogin\s*\(/.test(query)) {
        ex.entry.operation = 'login'
        const customer = state.options.customers.find((c) => c.email === variables.email)
        if (!customer || customer.password === undefined || customer.password !== variables.password) {
          return sendJson(ex, 200, { data: { login: null }, errors: [{ message: 'Invalid credentials' }] })
        }
        const value = state.sessions.signIn(customer.id)
        return sendJson(
          ex,
          200,
          { data: { login: { result: 'success', customer: storefrontCustomer(customer) } } },
          { 'Set-Cookie': sessionCookie(value) },
        )
      }
      if (/\bcustomer\s*\{/.test(query) && !/\bsite\b/.test(query)) {
        ex.entry.operation = 'customer'
        const customer = state.sessions.customerOf(ex.req)
        return sendJson(ex, 200, { data: { customer: customer ? storefrontCustomer(customer) : null } })
      }
      ex.entry.operation = 'site'
      sendJson(ex, 200, {
        data: {
          site: {
            settings: {
              tax: { plp: 'EX', pdp: 'EX', cart: 'EX' },
              locales: [{ code: 'en', isDefault: true, fullPath: '/' }],
            },
            currencies: { edges: [{ node: { isActive: true, entityId: 1, code: 'USD' } }] },
          },
        },
      })
    },
  }
}
