import { B2BAuthError, isB2BAuthError } from './errors'
import { report } from './secrets'

// Said once a page: with only the entry deployed, every chunk fails, and one line is the fix.
let told = false

/**
 * Loads one of the entry's chunks (`import('./flow')`, …, a file beside the entry). One that does
 * not load is nearly always a deploy that copied only the entry: a `network` error saying so, and
 * one `[b2b-auth]` console line for the page, as the status alone is read by nobody. The message
 * names no file, to fit the entry's byte budget: the browser's own console line names the URL.
 */
export function chunk<T>(loading: Promise<T>): Promise<T> {
  return loading.catch(() => {
    const error = new B2BAuthError('network', 'a chunk did not load: deploy every file of dist/')
    if (!told) report(error.message)
    told = true
    throw error
  })
}

/** For a rejection nobody awaits: reports what chunk() has not already said. */
export const unsaid = (error: unknown): void => void (isB2BAuthError(error) || report(error))
