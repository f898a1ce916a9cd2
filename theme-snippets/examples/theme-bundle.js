// Code in the theme's own bundle (Cornerstone: assets/js/theme/…), after `npm install stencil-b2b-auth`.
// The bundled copy shares the page's one instance with the script tag: one cache, one request.
import { b2bGraphQL, getB2BToken, isB2BAuthError, onB2BTokenChange } from 'stencil-b2b-auth'

export async function showCompanyName(element) {
  if (!(await getB2BToken())) return
  try {
    const { customerInfo } = await b2bGraphQL('{ customerInfo { userType userInfo { id } } }')
    if (customerInfo.userType !== 3) return
    const { userCompany } = await b2bGraphQL('query ($id: Int!) { userCompany(userId: $id) { companyName } }', {
      id: Number(customerInfo.userInfo.id),
    })
    element.textContent = userCompany.companyName
  } catch (error) {
    if (!isB2BAuthError(error)) throw error
    console.warn('B2B company unavailable:', error.code)
  }
}

// Follow sign-ins and sign-outs in other tabs without reloading.
onB2BTokenChange((status) => {
  document.documentElement.classList.toggle('is-b2b-signed-in', status.state === 'ready')
})

window.themeBundleToken = getB2BToken()
