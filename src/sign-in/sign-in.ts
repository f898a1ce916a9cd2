import { tellPortal } from '../net/buyer-portal'
import { B2BAuthError, isB2BAuthError, type B2BAuthErrorCode } from '../core/errors'
import { endPause } from '../core/cooldown'
import { fetchCurrentJwt } from '../net/current-jwt'
import { postGraphQL } from '../net/graphql'
import { own, ownCopy } from '../core/own'
import type { B2BSignedIn, B2BSignInCredentials, B2BSignInOptions, Engine } from '../core/contract'
import { checkConfig, refuseServerCredentials, type CheckedConfig } from '../net/checked-config'
import { newTokenRecord, type TokenRecord } from '../core/token-record'
import { adopt, clear, forget, keep, markStale } from '../core/state'

/** The login mutation of B2B Edition's authentication guide, with variables; validated against the B2B schema in a test. */
export const LOGIN_MUTATION =
  'mutation B2BLogin($loginData:UserLoginType!){login(loginData:$loginData){result{token storefrontLoginToken user{id bcId email firstName lastName role}}}}'

/**
 * Asked with the new token once the storefront is signed in, as the Buyer Portal asks after its
 * sign-in (b2b-buyer-portal `apps/storefront/src/utils/loginInfo.ts`): what kind of user this is, then,
 * for company users only, the Company's status. Validated against the B2B schema in a test.
 */
export const USER_KIND_QUERY = 'query B2BUserKind{customerInfo{userType userInfo{role}}}'
export const USER_COMPANY_QUERY = 'query B2BUserCompany($userId:Int!){userCompany(userId:$userId){companyStatus}}'

type Refusal = [B2BAuthErrorCode, string]

// The login mutation refuses, by message: a wrong password ("Invalid Login" in the Buyer Portal's
// tests), a pending Company (under a store setting) or an inactive one (the Portal's
// `utils/companyUtils.ts` maps these messages), a channel that is not live (its
// `pages/Login/index.test.tsx`). Each is matched from the message's start, so that a message that
// merely echoes the input (a field named password, an email saying "inactive") matches none.
const LOGIN_ERRORS: [RegExp, Refusal][] = [
  [/^invalid login/i, ['invalid_credentials', 'Wrong email or password']],
  [
    /^your business account is pending approval/i,
    ['company_pending', 'The Company account is waiting for approval: the shopper cannot sign in yet'],
  ],
  [/^this business account is inactive/i, ['company_inactive', 'The Company account is inactive: the shopper cannot sign in']],
  [
    /^operation cannot be performed as the storefront channel is not live/i,
    ['channel_not_live', 'The storefront channel is not live: check data-channel-id and the channel status'],
  ],
]

/**
 * The "login Mutation" of B2B Edition's authentication guide: signs a Company user in with their email and password, reads the
 * Company's status, signs the storefront session in through the Customer Login endpoint with the
 * `storefrontLoginToken` (checked with current.jwt), and keeps the token in the same cache (keyed
 * to `user.bcId`), so `current.jwt` agrees with the token. The token is kept only once all of
 * that has worked.
 */
export async function signIn(engine: Engine, given: B2BSignInCredentials, givenOptions?: B2BSignInOptions): Promise<B2BSignedIn> {
  const settings = checkConfig(engine.readConfig())
  const login = checkCredentials(settings, given)
  const { signal } = ownCopy(givenOptions)
  const { token, storefrontLoginToken, user } = await logIn(settings, login, signal)
  // The login token is accepted for 30 s after the login, and once (bigcommerce/docs
  // `docs/start/authentication/customer-login.mdx`): the storefront is signed in first, and what
  // the Portal asks after a sign-in runs beside the check of it.
  const [, companyStatus] = await Promise.all([
    syncStorefront(settings, storefrontLoginToken, String(user.bcId)),
    readCompany(settings, token, user.id, signal),
  ]).catch(async (error: unknown) => {
    // The storefront may have switched customers all the same: keep nobody's token.
    await clear(engine)
    throw error
  })
  const record = newTokenRecord(token, String(user.bcId), login.storeHash, login.channelId)
  await holdSignedIn(engine, settings, record)
  tellPortal(token)
  const text = (value: unknown) => (typeof value === 'string' ? value : '')
  return {
    customerId: record.customerId,
    userId: String(user.id ?? ''),
    email: text(user.email),
    firstName: text(user.firstName),
    lastName: text(user.lastName),
    companyStatus,
  }
}

interface LoginData {
  email: string
  password: string
  storeHash: string
  channelId: number
}

/** The caller's own fields only (see own.ts): an inherited storeHash must not pick the store. */
function checkCredentials(settings: CheckedConfig, given: B2BSignInCredentials): LoginData {
  const credentials = ownCopy(given) as B2BSignInCredentials
  refuseServerCredentials(credentials as unknown as Record<string, unknown>, ['password'])
  const { email, password } = credentials
  const storeHash = credentials.storeHash ?? settings.storeHash
  const channelId = credentials.channelId ?? settings.channelId
  if (!email || !password || typeof email !== 'string' || typeof password !== 'string') {
    throw new B2BAuthError('config', 'signIn() needs an email and a password')
  }
  if (!storeHash) throw new B2BAuthError('config', 'signIn() needs the store hash: set data-store-hash, or pass storeHash')
  // As checked-config.ts checks the page's channel: a bad one is named here, not left to the B2B API.
  if (typeof channelId !== 'number' || !/^[1-9]\d{0,9}$/.test(String(channelId))) {
    throw new B2BAuthError('config', `channelId must be a positive integer (got "${String(channelId).slice(0, 60)}")`)
  }
  return { email, password, storeHash, channelId }
}

/** The login mutation, never retried (it may have run): its token, login token and user. */
async function logIn(settings: CheckedConfig, loginData: LoginData, signal: AbortSignal | undefined) {
  let data: Record<string, unknown>
  try {
    data = await postGraphQL(settings, LOGIN_MUTATION, { loginData }, { retry: false, signal })
  } catch (error) {
    throw loginError(error)
  }
  // Own fields only, at every level: an answer without `result` or `user` must not find them on a
  // polluted Object.prototype (a planted token would be sent on as the shopper's).
  const result = ownCopy(Object(own(own(data, 'login'), 'result'))) as Record<string, unknown>
  const user = ownCopy(Object(result.user)) as Record<string, unknown>
  const { token, storefrontLoginToken } = result
  if (typeof token !== 'string' || !token || typeof user.bcId !== 'number') {
    throw new B2BAuthError('invalid_response', 'B2B GraphQL B2BLogin answered without a token or a user')
  }
  return { token, storefrontLoginToken, user }
}

/** Whoever was signed in before, nothing of theirs survives: other tabs hear of the new customer. */
async function holdSignedIn(engine: Engine, settings: CheckedConfig, record: TokenRecord): Promise<void> {
  forget(engine)
  markStale(engine, settings.customerId !== undefined && settings.customerId !== record.customerId)
  await keep(engine, settings, record)
  // A shopper who signed in is no longer paused by anyone's earlier failure.
  endPause(engine)
  adopt(engine, record)
}

/**
 * The Company's status, asked where the Buyer Portal asks it (`utils/loginInfo.ts`): for a company
 * user (userType 3) of role 0, 1, 2 or 5, never for a super admin (3), who spans companies. The
 * role alone says nothing: a B2C customer's is no company role (99 is the Portal's own value,
 * not the API's). A status that cannot be read fails the sign-in, as in the Portal.
 */
async function readCompany(
  settings: CheckedConfig,
  token: string,
  userId: unknown,
  signal: AbortSignal | undefined,
): Promise<number | null> {
  const ask = (query: string, variables = {}) => postGraphQL(settings, query, variables, { token, signal })
  const info = own(await ask(USER_KIND_QUERY), 'customerInfo')
  if (own(info, 'userType') !== 3 || ![0, 1, 2, 5].includes(own(own(info, 'userInfo'), 'role') as number)) return null
  const status = own(own(await ask(USER_COMPANY_QUERY, { userId: Number(userId) }), 'userCompany'), 'companyStatus')
  return typeof status == 'number' ? status : null
}

const NOT_KEPT = ': the sign-in did not complete, and no B2B token is kept'

/**
 * The storefront's Customer Login endpoint sets the session cookie and redirects. A bad login
 * token may be redirected to the login page instead, and an opaque redirect reads the same either
 * way: only current.jwt tells whether the session now belongs to the customer who signed in.
 */
async function syncStorefront(settings: CheckedConfig, loginToken: unknown, customerId: string): Promise<void> {
  if (typeof loginToken !== 'string' || !loginToken) {
    throw new B2BAuthError('session_sync', 'The B2B API gave no storefrontLoginToken: the storefront session could not be signed in')
  }
  const refused = await sendLoginToken(settings, loginToken)
  if (refused) throw new B2BAuthError('session_sync', `The storefront ${refused}${NOT_KEPT}`)
  let cause: unknown
  const session = await fetchCurrentJwt(settings).catch((error: unknown) => {
    cause = error
    return undefined
  })
  if (session?.customerId === customerId) return
  const shown = session ? 'another customer' : session === null ? 'no customer signed in' : `nothing (${(cause as Error).message})`
  const sent = 'was sent the login token (a bad one, or one sent over 30 s after the login, is redirected to /login.php)'
  throw new B2BAuthError('session_sync', `The storefront ${sent}, but current.jwt shows ${shown}${NOT_KEPT}`, { cause })
}

/** Sends the login token to the storefront: what went wrong if it did not take it. */
async function sendLoginToken(settings: CheckedConfig, loginToken: string): Promise<string | undefined> {
  try {
    // The platform takes this short-lived JWT only in the URL path; fetch keeps it out of the
    // address bar and history, and nothing here logs it (nor the fetch's own error).
    const answer = await fetch(`${location.origin}/login/token/${loginToken}`, {
      credentials: 'same-origin',
      redirect: 'manual',
      cache: 'no-store',
      signal: AbortSignal.timeout(settings.timeoutMs),
    })
    // A bad, used or late login token is redirected to /login.php, a good one elsewhere
    // (bigcommerce/docs `docs/start/authentication/customer-login.mdx`): both are opaque here.
    return answer.type === 'opaqueredirect' || answer.ok ? undefined : 'refused the login token (/login/token/…)'
  } catch {
    return 'did not answer the login token (/login/token/…)'
  }
}

/**
 * The login's refusal in words of this module's own. No text of the server's passes: a server
 * that cannot read the variables (graphql-js after any schema change) prints the whole input, the
 * password among it and escaped as a GraphQL string, which no redaction by value finds. What the
 * API said is kept as its `extensions.code` only.
 */
function loginError(error: unknown): unknown {
  if (!isB2BAuthError(error) || error.code !== 'graphql') return error
  const errors = error.errors ?? []
  const said = errors[0]?.message ?? ''
  const [code, message] = LOGIN_ERRORS.find(([pattern]) => pattern.test(said))?.[1] ?? [
    'graphql',
    'B2B GraphQL B2BLogin failed: the API refused the login with a message that is not shown, as it may echo the password',
  ]
  // A code as APIs write them (40001, BAD_USER_INPUT), never a string that could be the input.
  const known = (value: unknown) => typeof value == 'number' || /^[A-Z\d_]{1,64}$/.test(String(value))
  const kept = errors.map((e) => (known(e.code) ? { message, code: e.code! } : { message }))
  const graphqlCode = kept[0]?.code
  const details = error.status === undefined ? { errors: kept } : { errors: kept, status: error.status }
  return new B2BAuthError(code, graphqlCode === undefined ? message : `${message} (code ${graphqlCode})`, details)
}
