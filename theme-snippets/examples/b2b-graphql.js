// Who is the shopper, for the B2B API? A B2B Company user or a B2C customer, and their role.
// In the theme's own bundle (Cornerstone: e.g. assets/js/theme/global/b2b-who-am-i.js) after
// `npm install stencil-b2b-auth`; in an inline module, import the same names from the URL of the
// script tag instead (see es-module.html).
import { b2bGraphQL, isB2BAuthError } from 'stencil-b2b-auth';

// customerInfo.userType (the schema): 1 no such user, 2 B2C, 3 B2B. userInfo.role is a company
// role for B2B users only; 99 is the Buyer Portal's own value for B2C users, never the API's.
const KINDS = { 1: 'no such user', 2: 'B2C', 3: 'B2B' };
const ROLES = {
    0: 'Admin', 1: 'Senior buyer', 2: 'Junior buyer', 3: 'Super admin', 5: 'Custom role',
};

/**
 * `{ kind, email, role }`, or null for a guest (nothing is sent then). Rejects with a
 * B2BAuthError otherwise: `error.code` says why (../README.md, Troubleshooting).
 */
export async function whoAmI() {
    try {
        const { customerInfo } = await b2bGraphQL('{ customerInfo { userType userInfo { email role } } }');
        const { userType, userInfo } = customerInfo;
        let role = '—';
        if (userType === 3) role = ROLES[userInfo.role] || String(userInfo.role);
        else if (userType === 2) role = 'B2C customer';
        return { kind: KINDS[userType] || String(userType), email: userInfo.email, role };
    } catch (error) {
        // `guest`: nobody is signed in, and nothing was sent.
        if (isB2BAuthError(error) && error.code === 'guest') return null;
        throw error;
    }
}
