// Code in the theme's own webpack bundle, after `npm install stencil-b2b-auth`. In Cornerstone, e.g.
// assets/js/theme/global/b2b.js, called from assets/js/theme/global.js's onReady():
//
//     import { showCompanyName, followB2BSignIn } from './global/b2b'
//     ...
//     onReady() { showCompanyName(document.querySelectorAll('[data-b2b-company]')); followB2BSignIn() }
//
// The bundled copy of the module shares the page's one instance with the script tag (one cache,
// one request): it finds the tag by its file name and takes its settings. So the tag must be in
// the page before the bundle runs: include the partial in <head> (see ../README.md).
import {
    b2bGraphQL, getB2BToken, isB2BAuthError, onB2BTokenChange,
} from 'stencil-b2b-auth';

/** Writes a Company user's company name into `elements`; leaves them alone for anyone else. */
export async function showCompanyName(elements) {
    // null for a guest: nothing to show, and nothing is sent.
    if (!(await getB2BToken())) return;
    try {
        const { customerInfo } = await b2bGraphQL('{ customerInfo { userType userInfo { id } } }');
        if (customerInfo.userType !== 3) return;
        const { userCompany } = await b2bGraphQL('query ($id: Int!) { userCompany(userId: $id) { companyName } }', {
            id: Number(customerInfo.userInfo.id),
        });
        elements.forEach((element) => element.replaceChildren(userCompany.companyName));
    } catch (error) {
        if (!isB2BAuthError(error)) throw error;
        // eslint-disable-next-line no-console
        console.warn('[theme] B2B company unavailable:', error.code);
    }
}

/**
 * Headers for the theme's own request to the B2B API (b2bGraphQL() does this for GraphQL): the
 * shopper's token, or none for a guest.
 */
export async function b2bHeaders() {
    const token = await getB2BToken();
    return token ? { Authorization: `Bearer ${token}` } : {};
}

/** Follows sign-ins and sign-outs, in this tab and others, without a reload. */
export function followB2BSignIn() {
    return onB2BTokenChange((status) => {
        document.documentElement.classList.toggle('is-b2b-signed-in', status.state === 'ready');
    });
}
