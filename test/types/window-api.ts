// Theme code written against the published types, resolved as a theme resolves them: the package
// name, through package.json "exports", to dist/index.d.ts. Type-checked after the build by
// `npm run typecheck:dist` (test/types/tsconfig.json, then tsconfig.node16.json and
// tsconfig.nodenext.json), with no @types/node, as in a browser bundle. The exact-type checks fail if a declaration widens (to any, say), and each expected
// error below fails the check if the misuse under it ever compiles.
import type { B2BAuthApi, B2BAuthError, B2BAuthStatus } from 'stencil-b2b-auth'

/** True only when A and B are the same type (any is neither string nor never). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false
const exact = <A, B>(same: Equal<A, B>): Equal<A, B> => same

export async function themeCode(): Promise<void> {
  // Importing the package's types declares window.b2bAuth, typed as the API.
  exact<typeof window.b2bAuth, B2BAuthApi>(true)

  const token = await window.b2bAuth.getB2BToken()
  exact<typeof token, string | null>(true)
  await window.b2bAuth.getB2BToken({ forceRefresh: true, signal: new AbortController().signal })

  const status = window.b2bAuth.getB2BStatus()
  exact<typeof status, B2BAuthStatus>(true)
  exact<typeof status.state, 'idle' | 'guest' | 'loading' | 'ready' | 'error'>(true)
  exact<typeof status.fingerprint, string | null>(true)

  const stop = window.b2bAuth.onB2BTokenChange((next) => exact<typeof next, B2BAuthStatus>(true))
  exact<typeof stop, () => void>(true)

  const data = await window.b2bAuth.b2bGraphQL<{ customerInfo: { userType: number } }>('{ customerInfo { userType } }', {}, {})
  exact<typeof data.customerInfo.userType, number>(true)

  try {
    await window.b2bAuth.clearB2BToken()
  } catch (error) {
    if (window.b2bAuth.isB2BAuthError(error)) exact<typeof error, B2BAuthError>(true)
  }
  window.b2bAuth.configure({ channelId: 2, storeHash: 'abc123', customerId: null })

  // The console API: every function resolves, none to the token.
  exact<Awaited<ReturnType<B2BAuthApi['refresh']>>, B2BAuthStatus>(true)
  await window.b2bAuth.help()
  await window.b2bAuth.status()
  await window.b2bAuth.debug(true)
  await window.b2bAuth.debug(false)
  await window.b2bAuth.showBadge()
  await window.b2bAuth.hideBadge()
  await window.b2bAuth.clear()

  // A classic script's queue, before or after the module has loaded.
  ;(window.b2bAuthReady = window.b2bAuthReady || []).push((b2bAuth) => exact<typeof b2bAuth, B2BAuthApi>(true))

  // Misuses the types must refuse.
  // @ts-expect-error a guest has no token: the token may be null
  const notNull: string = await window.b2bAuth.getB2BToken()
  // @ts-expect-error forceRefresh is a boolean
  await window.b2bAuth.getB2BToken({ forceRefresh: 'yes' })
  // @ts-expect-error the status is synchronous, not a promise
  await window.b2bAuth.getB2BStatus().then(() => {})
  // @ts-expect-error the status never carries the token
  void window.b2bAuth.getB2BStatus().token
  // @ts-expect-error the status is frozen
  window.b2bAuth.getB2BStatus().state = 'ready'
  // @ts-expect-error refresh() resolves the status, never the token
  const refreshed: string = await window.b2bAuth.refresh()
  // @ts-expect-error debug() takes a boolean
  await window.b2bAuth.debug('on')
  // @ts-expect-error there is no getToken(): it is getB2BToken()
  await window.b2bAuth.getToken()
  // @ts-expect-error a server-to-server credential is no option
  window.b2bAuth.configure({ xAuthToken: 'secret' })
  // @ts-expect-error a listener gets the status, not the token
  window.b2bAuth.onB2BTokenChange((next: string) => next)
  void [notNull, refreshed]
}
