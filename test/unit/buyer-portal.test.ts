import { afterEach, describe, expect, it, vi } from 'vitest'
import { portalToken } from '../../src/buyer-portal'

const portal = (getB2BToken: () => unknown) => {
  ;(window as unknown as { b2b?: unknown }).b2b = { utils: { user: { getB2BToken } } }
}

afterEach(() => {
  delete (window as unknown as { b2b?: unknown }).b2b
  vi.useRealTimers()
})

describe('portalToken', () => {
  it('is undefined where the Buyer Portal does not run', async () => {
    expect(await portalToken(undefined)).toBeUndefined()
  })

  it("takes the Portal's token", async () => {
    portal(() => 'portal-token')
    expect(await portalToken(undefined)).toBe('portal-token')
  })

  it('waits for the Portal to finish its own sign-in rather than racing it', async () => {
    vi.useFakeTimers()
    let ready = false
    portal(() => (ready ? 'portal-token' : ''))
    const pending = portalToken(undefined)
    await vi.advanceTimersByTimeAsync(1_000)
    ready = true
    await vi.advanceTimersByTimeAsync(200)
    expect(await pending).toBe('portal-token')
  })

  it('gives up after a few seconds, and never offers the token being replaced', async () => {
    vi.useFakeTimers()
    portal(() => '')
    const pending = portalToken(undefined)
    await vi.advanceTimersByTimeAsync(3_400)
    expect(await pending).toBeUndefined()
    portal(() => 'rejected-token')
    expect(await portalToken('rejected-token')).toBeUndefined()
  })

  it('is undefined when the Portal throws', async () => {
    portal(() => {
      throw new Error('portal bug')
    })
    expect(await portalToken(undefined)).toBeUndefined()
  })
})
