import { describe, expect, it } from 'vitest'
import { B2BAuthError, isB2BAuthError } from '../../../src/core/errors'

describe('B2BAuthError', () => {
  it('carries a code, a literal name, the status and the first GraphQL error code', () => {
    const error = new B2BAuthError('graphql', 'failed', { status: 200, errors: [{ message: 'expired', code: 40101 }] })
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('B2BAuthError')
    expect(error.code).toBe('graphql')
    expect(error.status).toBe(200)
    expect(error.graphqlCode).toBe(40101)
    expect(error.errors).toEqual([{ message: 'expired', code: 40101 }])
  })

  it('is recognised across two copies of the bundle, by the guard and by instanceof', () => {
    // Another copy's class: same shape, different constructor.
    class OtherCopy extends Error {
      override readonly name = 'B2BAuthError'
      readonly code = 'network'
    }
    const foreign = new OtherCopy('offline')
    expect(isB2BAuthError(foreign)).toBe(true)
    expect(foreign instanceof B2BAuthError).toBe(true)
    expect(new Error('x') instanceof B2BAuthError).toBe(false)
  })

  it('is not fooled by other errors or non-errors', () => {
    expect(isB2BAuthError(new Error('x'))).toBe(false)
    expect(isB2BAuthError({ name: 'B2BAuthError' })).toBe(false)
    expect(isB2BAuthError(null)).toBe(false)
    expect(isB2BAuthError('B2BAuthError')).toBe(false)
  })
})
