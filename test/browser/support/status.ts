import { decodeUnverified } from '../../sim/jwt'
import { LOCK_NAME } from '../../../src/core/lock'
import type { Evaluator } from '../drivers'

/** window.b2bAuth.getB2BStatus() of the page, read in the page (a Playwright Page or a driver's Tab). */
export const status = (page: Evaluator) => page.evaluate(() => window.b2bAuth.getB2BStatus())

/** The customer id the page's status names (null when none). */
export const statusCustomerId = (page: Evaluator) => page.evaluate(() => window.b2bAuth.getB2BStatus().customerId)

/** The BigCommerce customer id a B2B token was minted for (its bc_customer_id claim); undefined for no token. */
export const customerOf = (token: string | null | undefined) => (token ? decodeUnverified(token)?.claims.bc_customer_id : undefined)

/**
 * Every flow and guest wipe the tabs of `page`'s origin began has ended: `page` takes the module's
 * cross-tab lock (src/core/lock.ts), under which both run, and lets it go. A guest page's status
 * says `guest` before its wipe is done, and the wipe ends by telling every open tab `cleared`,
 * which makes a tab that hears it ask current.jwt twice: a test that counts requests waits first.
 */
export const tabsIdle = (page: Evaluator) => page.evaluate((name) => navigator.locks.request(name, () => {}), LOCK_NAME)
