import { afterEach, describe, expect, it, vi } from 'vitest'
import { followPortal, tellPortal } from '../../../src/net/buyer-portal'

const portal = (user: Record<string, unknown>) => {
  ;(window as unknown as { b2b?: unknown }).b2b = { utils: { user } }
}

/** The Portal's inline install script: window.B3 at once, long before its bundle has loaded. */
const installScript = () => {
  ;(window as unknown as { B3?: unknown }).B3 = { setting: { store_hash: 'abc123', channel_id: 1, platform: 'bigcommerce' } }
}

afterEach(() => {
  delete (window as unknown as { b2b?: unknown }).b2b
  delete (window as unknown as { B3?: unknown }).B3
  vi.useRealTimers()
})

describe("the Portal's sign-out is followed", () => {
  it('listens for on-logout once the Portal has mounted, looking again while only window.B3 is there', async () => {
    vi.useFakeTimers()
    installScript()
    const onLogout = vi.fn()
    followPortal(onLogout)
    const listeners: (() => void)[] = []
    ;(window as unknown as { b2b?: unknown }).b2b = {
      callbacks: { addEventListener: (event: string, cb: () => void) => event === 'on-logout' && listeners.push(cb) },
    }
    await vi.advanceTimersByTimeAsync(1000)
    followPortal(onLogout)
    expect(listeners).toHaveLength(1)
    listeners[0]!()
    expect(onLogout).toHaveBeenCalledTimes(1)
  })
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
