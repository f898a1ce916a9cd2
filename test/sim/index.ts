/**
 * A simulated BigCommerce Stencil storefront and B2B Edition GraphQL Storefront API, in-process,
 * for tests and the demo (`npm start`). Two HTTP servers on 127.0.0.1 with different ports, so the
 * page's calls to the B2B endpoint are cross-origin and go through CORS as they do in production.
 *
 * What the real endpoints do follows public sources (bigcommerce/docs, bigcommerce/b2b-buyer-portal),
 * named beside the code that implements it. Where no public source shows the platform's behaviour,
 * the choice made here is listed in ./assumptions.ts and marked "Assumption A<n>" where it is
 * implemented.
 *
 * This file only gathers what tests import; each part lives in its own file (server.ts holds the
 * route table of both servers).
 */
export { B2B_ERRORS } from './b2b-errors'
export { b2bSchema } from './b2b-schema'
export type { SimRequest } from './exchange'
export { gate, SIM_TARGETS, type SimFault, type SimTarget } from './faults'
export {
  CURRENT_JWT_PATH,
  DEFAULT_CUSTOMERS,
  DEFAULT_DIST_DIR,
  LEGACY_CLIENT_ID,
  PORTAL_CLIENT_ID,
  SCHEMA_PATH,
  SESSION_COOKIE,
  type SimCustomer,
} from './fixtures'
export { Ledger, type LedgerJwt, type LedgerSessionEvent, type LedgerToken } from './ledger'
export type { ResolvedSimOptions, SimOptions } from './options'
export { fillPlaceholders, type PageContext, type PageRender } from './pages'
export { SERVICE_WORKER_CACHE, SERVICE_WORKER_JS, SERVICE_WORKER_PATH } from './service-worker'
export { startSim, type Sim } from './start-sim'
