// Who is the shopper, for the B2B API? (B2B or B2C, role). Works in any module on the page.
import { b2bGraphQL } from 'stencil-b2b-auth'

export async function whoAmI() {
  const { customerInfo } = await b2bGraphQL(
    '{ customerInfo { userType userInfo { email role companyRoleName } } }',
  )
  return {
    kind: customerInfo.userType === 3 ? 'B2B' : 'B2C',
    email: customerInfo.userInfo.email,
    role: customerInfo.userInfo.companyRoleName ?? customerInfo.userInfo.role,
  }
}
