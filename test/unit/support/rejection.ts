import { expect } from 'vitest'
import { isB2BAuthError, type B2BAuthError } from '../../../src/core/errors'

/** The B2BAuthError a promise rejects with; fails the test if it resolves or rejects otherwise. */
export async function failure(promise: Promise<unknown>): Promise<B2BAuthError> {
  return promise.then(
    () => {
      throw new Error('expected a rejection')
    },
    (error: unknown) => {
      expect(isB2BAuthError(error)).toBe(true)
      return error as B2BAuthError
    },
  )
}

/** The B2BAuthError a function throws; fails the test if it does not. */
export function thrown(run: () => unknown): B2BAuthError {
  try {
    run()
  } catch (error) {
    expect(isB2BAuthError(error)).toBe(true)
    return error as B2BAuthError
  }
  throw new Error('expected a B2BAuthError')
}
