import { afterEach, describe, expect, it, vi } from 'vitest'
import { PORTAL_WAIT_MS, portalToken } from '../../src/buyer-portal'

const portal = (getB2BToken: () => unknown) => {
  ;(window as unknown as { b2b?: unknown }).b2b = { utils: { user: { getB2BToken } } }
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

  it("waits for the Portal's utils when only its install script has run (window.B3)", async () => {
    vi.useFakeTimers()
    installScript()
    const pending = portalToken(undefined)
    await vi.advanceTimersByTimeAsync(600)
    portal(() => 'portal-token')
    await vi.advanceTimersByTimeAsync(200)
    expect(await pending).toBe('portal-token')
  })

  it('gives up after PORTAL_WAIT_MS when window.B3 is set but the Portal never appears', async () => {
    vi.useFakeTimers()
    installScript()
    let answer: string | undefined = 'not yet'
    void portalToken(undefined).then((token) => (answer = token))
    await vi.advanceTimersByTimeAsync(PORTAL_WAIT_MS - 200)
    expect(answer).toBe('not yet')
    await vi.advanceTimersByTimeAsync(400)
    expect(answer).toBeUndefined()
  })

  it('window.B3 without a setting is not the Portal: no wait', async () => {
    ;(window as unknown as { B3?: unknown }).B3 = {}
    expect(await portalToken(undefined)).toBeUndefined()
  })

  it('is undefined when the Portal throws', async () => {
    portal(() => {
      throw new Error('portal bug')
    })
    expect(await portalToken(undefined)).toBeUndefined()
  })
})
