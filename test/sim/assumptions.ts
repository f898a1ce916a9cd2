/**
 * Every behaviour of the simulator that no public source shows, in one place. Each is referenced
 * where it is implemented as `Assumption A<n>`; test/unit/sim-assumptions.test.ts checks that the
 * list and the references agree. Everything else the simulator does follows a public source
 * (bigcommerce/docs, bigcommerce/b2b-buyer-portal), named beside the code.
 *
 * Where an assumption could hide a bug, it is chosen so that the module must survive the harder
 * reading (e.g. A1: a wrong client id looks like a guest).
 */
export const SIM_ASSUMPTIONS = {
  A1: "current.jwt for an app_client_id no app of the store has answers 404 with an `errors` body, exactly like a guest (undocumented: bigcommerce/docs `docs/start/authentication/current-customer.mdx` gives only the guest's 404).",
  A2: 'The B2B API answers a missing or unknown bearer token with 401 "Invalid token" (public sources show only that code 401 occurs).',
  A3: 'authorization checks the JWT in PyJWT\'s order and words (signature, then expiry); a JWT for an app the B2B API does not accept fails as "Signature verification failed" (the message people hit: github.com/bigcommerce/b2b-buyer-portal/issues/24).',
  A4: 'An expired customer JWT is refused as "Signature has expired" (no public source shows the message).',
  A5: 'The B2B API finds the store by the JWT\'s store_hash and refuses another as "Store not found".',
  A6: 'A channel the store does not have is refused as "Channel not found" (no public source shows the message).',
  A7: 'Every extensions.code but 40101 (expired B2B token) is the simulator\'s own: 401/403/404 as public sources show occur, 40001 for "Invalid Login", 40301/40303 for the company refusals.',
  A8: "Whether the API refuses a pending company depends on a store setting (the Buyer Portal maps the refusal, b2b-buyer-portal `apps/storefront/src/utils/companyUtils.ts`); the simulator's default is off (`refusePendingCompanies: false`).",
  A9: "The API lets a rejected company's user in on both mutations (the Buyer Portal's `utils/companyUtils.ts` maps only pending and inactive refusals); the Portal then admits them as restricted.",
  A10: "Of the Portal's three pending-approval messages (b2b-buyer-portal `apps/storefront/src/utils/companyUtils.ts`), the simulator sends the first.",
  A11: 'A B2B Edition user id is 1000 + the BigCommerce customer id, so code mixing the two fails here.',
  A12: "A B2C customer's `role` is 0 (the schema makes it Int!; 99 is the Portal's own value, never the API's): code that tells B2C users by role 99 fails here.",
  A13: 'userCompany for a super admin (role 3) is refused with 403 "Permission denied" (the Portal never asks for one).',
  A14: 'userCompany for another user\'s id is refused with 403 "Permission denied".',
  A15: 'userCompany for a user without a company answers null, without an error.',
  A16: 'By default the B2B API accepts JWTs for both known client ids (`acceptedClientIds`); a store has accepted one at a time before (bigcommerce/b2b-buyer-portal pull requests 869 and 872), which tests set explicitly.',
  A17: "The storefrontLoginToken is signed with the secret of the first accepted client id, with the Customer Login API's claims.",
  A18: 'A GraphQL request that never ran (invalid document or variables) gets HTTP 400, as graphql-over-http servers answer it; executed ones 200, as the real API answers GraphQL errors (the Buyer Portal reads them whatever the status, `b3Fetch.ts`).',
  A19: "current.jwt is answered as cacheable (`private, max-age=300`, no Vary: Cookie), so a client that lets the HTTP cache answer it is caught. The real Buyer Portal reads it with a plain fetch() and then, after a sign-in, reads a guest's cached 404 and drops its token; as it works on real stores, its tests run with `currentJwtCacheable: false` (no-store).",
  A20: "customerInfo's userType is 3 for every company user (super admins included) and 2 for a B2C customer.",
  A21: 'storeBasicInfo has `backorderEnabled: Boolean`, which the published schema (2025-06) lacks: the Buyer Portal asks it (b2b-buyer-portal `apps/storefront/src/shared/service/b2b/graphql/global.ts`, read in `components/B3StoreContainer.tsx`) and does not mount if its document is refused; the simulator answers false.',
  A22: 'A root `storefrontSettings(storeHash: String!) { backorderDisplaySettings { showQuantityOnBackorder showQuantityOnHand showBackorderMessage showDefaultShippingExpectationPrompt defaultShippingExpectationPrompt } }`, which the published schema lacks: the Buyer Portal asks it at start (b2b-buyer-portal `apps/storefront/src/shared/service/b2b/graphql/global.ts`); the simulator answers every setting off.',
} as const

export type SimAssumption = keyof typeof SIM_ASSUMPTIONS
