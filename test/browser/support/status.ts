import { decodeUnverified } from '../../sim/jwt'
import type { Evaluator } from '../drivers'

/** window.b2bAuth.getB2BStatus() of the page, read in the page (a Playwright Page or a driver's Tab). */
export const status = (page: Evaluator) => page.evaluate(() => window.b2bAuth.getB2BStatus())

/** The customer id the page's status names (null when none). */
export const statusCustomerId = (page: Evaluator) => page.evaluate(() => window.b2bAuth.getB2BStatus().customerId)

/** The BigCommerce customer id a B2B token was minted for (its bc_customer_id claim); undefined for no token. */
export const customerOf = (token: string | null | undefined) => (token ? decodeUnverified(token)?.claims.bc_customer_id : undefined)
