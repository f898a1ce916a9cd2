// Who is the shopper, for the B2B API? A B2B Company user or a B2C customer, and their role.
// In the theme's own bundle (Cornerstone: e.g. assets/js/theme/global/b2b-who-am-i.js) after
// `npm install stencil-b2b-auth`; in an inline module, import the same names from the URL of the
// script tag instead (see es-module.html).
import { b2bGraphQL, isB2BAuthError } from 'stencil-b2b-auth'

// customerInfo.userType: 1 guest, 2 B2C, 3 B2B. userInfo.role: see ROLES; 99 is a B2C customer.
const KINDS = { 1: 'guest', 2: 'B2C', 3: 'B2B' }
const ROLES = { 0: 'Admin', 1: 'Senior buyer', 2: 'Junior buyer', 3: 'Super admin', 5: 'Custom role', 99: 'B2C customer' }

/**
 * `{ kind, email, role }`, or null for a guest (nothing is sent then). Rejects with a
 * B2BAuthError otherwise: `error.code` says why (../README.md, Troubleshooting).
 */
export async function whoAmI() {
  try {
    const { customerInfo } = await b2bGraphQL('{ customerInfo { userType userInfo { email role } } }')
    return {
      kind: KINDS[customerInfo.userType] || String(customerInfo.userType),
      email: customerInfo.userInfo.email,
      role: ROLES[customerInfo.userInfo.role] || String(customerInfo.userInfo.role),
    }
  } catch (error) {
    // `guest`: nobody is signed in, and nothing was sent.
    if (isB2BAuthError(error) && error.code === 'guest') return null
    throw error
  }
}
