import { B2BAuthError, isB2BAuthError } from '../core/errors'
import { redact } from '../core/secrets'

/**
 * Anything thrown inside a flow, as a B2BAuthError: every failure the module foresees is one
 * already (fetch's TypeError becomes `network` where it is thrown), so anything else is the
 * module's own bug, reported as such rather than as an outage the theme developer would chase.
 */
export function toB2BAuthError(error: unknown): B2BAuthError {
  if (isB2BAuthError(error)) return error
  const what = redact(error instanceof Error ? `${error.name}: ${error.message}` : String(error))
  return new B2BAuthError('internal', `stencil-b2b-auth bug (please report it with this message): ${what}`, {
    cause: error,
  })
}
