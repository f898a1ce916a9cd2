import type { B2BAuthApi } from '../api'

// "Who am I?": what the Buyer Portal asks the B2B API right after authorization
// (bigcommerce/b2b-buyer-portal `apps/storefront/src/utils/loginInfo.ts`). Both
// documents are validated against the B2B Edition schema in test/unit/badge/who-am-i.test.ts.
export const CUSTOMER_INFO =
  '{ customerInfo { userType permissions { code permissionLevel } userInfo { id email firstName lastName role companyRoleName } } }'
export const USER_COMPANY = 'query ($userId: Int!) { userCompany(userId: $userId) { id companyName companyStatus } }'

interface CustomerInfoData {
  customerInfo: {
    userType: number | null
    userInfo: {
      id: number | null
      firstName: string | null
      lastName: string | null
      role: number | null
      companyRoleName: string | null
    } | null
  } | null
}

interface UserCompanyData {
  userCompany: { companyName: string | null; companyStatus: number | null } | null
}

export interface WhoAmI {
  /**
   * What userType says (the B2B Edition schema,
   * b2b-buyer-portal `rfc/graphql-schema/b2b-full-schema.graphql`: "1 means user doesn't exist, 2 exists in
   * BigCommerce, 3 exists in BundleB2B"): 3 a Company user, 2 a B2C customer, 1 no such user. Anything else
   * (null, or a number the schema does not name) is `unknown`: called B2C, a guest or a new kind of
   * user would be told the wrong thing about their own account.
   */
  kind: AccountKind
  name: string
  role: string
  /** A company user's company and its status; undefined for anyone else. */
  company?: string
}

export type AccountKind = 'B2B' | 'B2C' | 'no such user' | 'unknown'

const KINDS: Record<number, AccountKind> = { 1: 'no such user', 2: 'B2C', 3: 'B2B' }

export function accountKind(userType: number | null): AccountKind {
  return (userType !== null && KINDS[userType]) || 'unknown'
}

// Role numbers as the Buyer Portal reads them (`utils/loginInfo.ts`; 4 is none). 99 is the Buyer Portal's own value for B2C and
// restricted users, never the API's: a B2C customer is told by userType 2 (whoAmI).
const ROLES = ['Admin', 'Senior buyer', 'Junior buyer', 'Super admin', undefined, 'Custom role']
const COMPANY_STATUSES = ['pending', 'approved', 'rejected', 'inactive']

/** The company role's own name when the API gives one, else the name of the role number. */
export function roleName(role: number | null, companyRoleName?: string | null): string {
  return companyRoleName || (role === null ? '—' : role === 99 ? 'B2C customer' : ROLES[role] || `role ${role}`)
}

export function companyStatusName(status: number | null): string {
  return (status !== null && COMPANY_STATUSES[status]) || `status ${status}`
}

/** Asks the B2B API who the token belongs to; rejects as b2bGraphQL() does (`guest`, `graphql`, …). */
export async function whoAmI(api: B2BAuthApi): Promise<WhoAmI> {
  const info = (await api.b2bGraphQL<CustomerInfoData>(CUSTOMER_INFO)).customerInfo
  const user = info?.userInfo
  const type = info?.userType ?? null
  const who: WhoAmI = {
    kind: accountKind(type),
    name: [user?.firstName, user?.lastName].filter(Boolean).join(' ') || '—',
    role: type === 3 ? roleName(user?.role ?? null, user?.companyRoleName) : type === 2 ? 'B2C customer' : '—',
  }
  // Only where the Portal asks (`utils/loginInfo.ts`): company users of role 0, 1, 2 or 5, never
  // a super admin (3), who spans companies.
  if (type === 3 && typeof user?.id === 'number' && [0, 1, 2, 5].includes(user.role!)) {
    const company = (await api.b2bGraphQL<UserCompanyData>(USER_COMPANY, { userId: user.id })).userCompany
    who.company = company ? `${company.companyName ?? '—'} (${companyStatusName(company.companyStatus)})` : 'none'
  }
  return who
}
