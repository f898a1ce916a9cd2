import { describe, expect, it } from 'vitest'
import { B2BAuthError, isB2BAuthError } from '../../../src/core/errors'
import { toB2BAuthError } from '../../../src/flow/to-b2b-auth-error'

describe('toB2BAuthError', () => {
  it("reports anything else thrown as the module's own bug: internal, with the cause, and no token text", () => {
    const cause = new TypeError(
      "Cannot read properties of undefined (reading 'token') eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXRleHQ",
    )
    const wrapped = toB2BAuthError(cause)
    expect(isB2BAuthError(wrapped)).toBe(true)
    expect(wrapped.code).toBe('internal')
    expect(wrapped.message).toMatch(
      /^stencil-b2b-auth bug \(please report it with this message\): TypeError: Cannot read properties of undefined \(reading 'token'\) \[redacted\]$/,
    )
    expect(wrapped.cause).toBe(cause)
    expect(toB2BAuthError('odd').message).toMatch(/: odd$/)
    const original = new B2BAuthError('timeout', 'slow')
    expect(toB2BAuthError(original)).toBe(original)
  })
})
