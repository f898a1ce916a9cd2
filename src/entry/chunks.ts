import type { FlowChunk, SignInChunk } from '../core/contract'
import { B2BAuthError, isB2BAuthError } from '../core/errors'
import { report } from '../core/secrets'

// The one file through which the entry reaches its chunks: each is a file of its own beside the
// entry (see vite.config.ts), loaded on first use, so that a warm page view downloads none.

// Said once a page: with only the entry deployed, every chunk fails, and one line is the fix.
let told = false

/**
 * A chunk that does not load is nearly always a deploy that copied only the entry: a `network`
 * error saying so, and one `[b2b-auth]` console line for the page, as the status alone is read by
 * nobody. The message names no file, to fit the entry's byte budget: the browser's own console
 * line names the URL.
 */
function chunk<T>(loading: Promise<T>): Promise<T> {
  return loading.catch(() => {
    const error = new B2BAuthError('network', 'a chunk did not load: deploy every file of dist/')
    if (!told) report(error.message)
    told = true
    throw error
  })
}

/** For a rejection nobody awaits: reports what chunk() has not already said. */
export const unsaid = (error: unknown): void => void (isB2BAuthError(error) || report(error))

/** The network flow: everything but serving a cached token. */
export const loadFlow = (): Promise<FlowChunk> => chunk(import('../flow')).then((code) => code.flow)
/** signIn() and signOut(), for a theme's own sign-in form. */
export const loadSignIn = (): Promise<SignInChunk> => chunk(import('../sign-in'))
/** The status badge, with Preact. */
export const loadBadge = () => chunk(import('../badge'))
/** The console's tools: never Preact. */
export const loadConsole = () => chunk(import('../console'))
