// The simulated store's fixed data: its customers, the two known app client ids, and where the
// files the sim serves live. Tests import these to name a customer or a client id without
// repeating the literal.
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export interface SimCustomer {
  id: number
  email: string
  firstName: string
  lastName: string
  /** BigCommerce customer group id; the JWT's `customer.group_id` (a string). Default '0'. */
  groupId?: string | undefined
  /** The storefront password, for the B2B `login` mutation. */
  password?: string | undefined
  /** No company: a B2C customer. `status`: 0 pending, 1 approved, 2 rejected, 3 inactive. */
  company?: { id: number; name: string; status: 0 | 1 | 2 | 3; role: number } | undefined
}

const HERE = fileURLToPath(new URL('.', import.meta.url))
/** The B2B Edition schema as b2b-buyer-portal publishes it (`rfc/graphql-schema/b2b-full-schema.graphql`). */
export const SCHEMA_PATH = resolve(HERE, 'b2b-full-schema.graphql')
export const DEFAULT_DIST_DIR = resolve(HERE, '../../dist')

export const SESSION_COOKIE = 'SHOP_SESSION_TOKEN'
export const CURRENT_JWT_PATH = '/customer/current.jwt'
// The id bigcommerce/docs give (`docs/b2b-edition/authentication/hosted-auth.mdx`), which the
// Buyer Portal now calls the legacy marketplace app's; and the one the Portal uses in production
// (b2b-buyer-portal `apps/storefront/src/shared/service/request/base.ts`).
export const LEGACY_CLIENT_ID = 'dl7c39mdpul6hyc489yk0vzxl6jesyx'
export const PORTAL_CLIENT_ID = 'qxvapwlk4fbb9dyogdcxk9o50d9jqjo'

export const DEFAULT_CUSTOMERS: readonly SimCustomer[] = [
  {
    id: 1,
    email: 'ada.buyer@example.com',
    firstName: 'Ada',
    lastName: 'Buyer',
    groupId: '1',
    password: 'ada-password',
    company: { id: 101, name: 'Acme Industrial Supply', status: 1, role: 0 },
  },
  { id: 2, email: 'bo.shopper@example.com', firstName: 'Bo', lastName: 'Shopper', password: 'bo-password' },
  // Company users of a company that is not approved: the API refuses pending ones (under a store
  // setting) and inactive ones, and lets rejected ones in (the refusals the Buyer Portal maps in
  // `apps/storefront/src/utils/companyUtils.ts`; Assumptions A8, A9).
  {
    id: 3,
    email: 'pat.pending@example.com',
    firstName: 'Pat',
    lastName: 'Pending',
    password: 'pat-password',
    company: { id: 103, name: 'Pending Parts', status: 0, role: 1 },
  },
  {
    id: 4,
    email: 'rae.rejected@example.com',
    firstName: 'Rae',
    lastName: 'Rejected',
    password: 'rae-password',
    company: { id: 104, name: 'Rejected Rivets', status: 2, role: 1 },
  },
  {
    id: 5,
    email: 'ian.inactive@example.com',
    firstName: 'Ian',
    lastName: 'Inactive',
    password: 'ian-password',
    company: { id: 105, name: 'Inactive Industries', status: 3, role: 1 },
  },
  // A super admin (role 3) spans companies; the Portal never asks userCompany for one, and here
  // asking is refused (Assumption A13).
  {
    id: 6,
    email: 'sue.super@example.com',
    firstName: 'Sue',
    lastName: 'Super',
    password: 'sue-password',
    company: { id: 106, name: 'Many Companies', status: 1, role: 3 },
  },
]
