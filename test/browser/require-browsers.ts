// Run before the suite: the browser tests run in all three browsers and are never skipped, so a
// machine without one stops here with one line naming the package to install. The same for the
// real Buyer Portal's built bundle, which the Portal tests load (test/sim/buyer-portal.ts).
import { BUYER_PORTAL_DIR, hasBuyerPortal } from '../sim/buyer-portal'
import { missingLine } from './drivers'

const line =
  missingLine() ??
  (hasBuyerPortal()
    ? undefined
    : `No built Buyer Portal at ${BUYER_PORTAL_DIR}: set BUYER_PORTAL_DIR to the dist/ of a build of bigcommerce/b2b-buyer-portal's storefront (see docs/develop.md).`)
if (line) {
  console.error(line)
  process.exit(1)
}
