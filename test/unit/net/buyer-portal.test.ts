import { afterEach, describe, expect, it, vi } from 'vitest'
import { tellPortal } from '../../../src/net/buyer-portal'

const portal = (user: Record<string, unknown>) => {
  ;(window as unknown as { b2b?: unknown }).b2b = { utils: { user } }
}

afterEach(() => {
  delete (window as unknown as { b2b?: unknown }).b2b
})

describe('the Portal is told of a sign-in and a sign-out', () => {
  it('hands it the new token through loginWithB2BStorefrontToken, and signs it out through logout', () => {
    const user = { loginWithB2BStorefrontToken: vi.fn(), logout: vi.fn() }
    portal(user)
    tellPortal('b2b-token')
    expect(user.loginWithB2BStorefrontToken).toHaveBeenCalledWith('b2b-token')
    tellPortal()
    expect(user.logout).toHaveBeenCalledTimes(1)
  })

  it("no Portal, or one that throws or rejects: the module's own call is not failed", async () => {
    expect(() => tellPortal('b2b-token')).not.toThrow()
    portal({
      loginWithB2BStorefrontToken: () => Promise.reject(new Error('portal bug')),
      logout: () => {
        throw new Error('portal bug')
      },
    })
    expect(() => tellPortal('b2b-token')).not.toThrow()
    expect(() => tellPortal()).not.toThrow()
  })
})
