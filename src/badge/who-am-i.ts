import type { B2BAuthApi } from '../boot'

// "Who am I?": what the Buyer Portal asks the B2B API right after authorization (facts §3). Both
// documents are validated against the B2B Edition schema in test/unit/badge/who-am-i.test.ts.
export const CUSTOMER_INFO =
  '{ customerInfo { userType permissions { code permissionLevel } userInfo { id email firstName lastName role companyRoleName } } }'
export const USER_COMPANY = 'query ($userId: Int!) { userCompany(userId: $userId) { id companyName companyStatus } }'

interface CustomerInfoData {
  customerInfo: {
    userType: number | null
    userInfo: { id: number | null; firstName: string | null; lastName: string | null; role: number | null; companyRoleName: string | null } | null
  } | null
}

interface UserCompanyData {
  userCompany: { companyName: string | null; companyStatus: number | null } | null
}

export interface WhoAmI {
  /**
   * What facts §3's userType says: 3 a Company user, 2 a B2C customer, 1 a guest. Anything else
   * (null, or a number the facts do not name) is `unknown`: called B2C, a guest or a new kind of
   * user would be told the wrong thing about their own account.
   */
  kind: AccountKind
  name: string
  role: string
  /** A company user's company and its status; undefined for anyone else. */
  company?: string
}

export type AccountKind = 'B2B' | 'B2C' | 'guest' | 'unknown'

const KINDS: Record<number, AccountKind> = { 1: 'guest', 2: 'B2C', 3: 'B2B' }

export function accountKind(userType: number | null): AccountKind {
  return (userType !== null && KINDS[userType]) || 'unknown'
}

// Role numbers as facts §3 lists them (4 is none); 99, a B2C customer, is named in roleName().
const ROLES = ['Admin', 'Senior buyer', 'Junior buyer', 'Super admin', , 'Custom role']
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
    role: roleName(user?.role ?? null, user?.companyRoleName),
  }
  if (type === 3 && typeof user?.id === 'number') {
    const company = (await api.b2bGraphQL<UserCompanyData>(USER_COMPANY, { userId: user.id })).userCompany
    who.company = company ? `${company.companyName ?? '—'} (${companyStatusName(company.companyStatus)})` : 'none'
  }
  return who
}
