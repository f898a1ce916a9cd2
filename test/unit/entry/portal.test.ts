import { afterEach, describe, expect, it, vi } from 'vitest'
import { followPortal } from '../../../src/entry/portal'

type PortalGlobals = { b2b?: unknown; B3?: unknown }
const globals = window as unknown as PortalGlobals

/** The Portal's inline install script: window.B3 at once, long before its bundle has loaded. */
const installScript = () => {
  globals.B3 = { setting: { store_hash: 'abc123', channel_id: 1, platform: 'bigcommerce' } }
}
/** The Portal mounted: its callbacks (b3CallbackManager.ts) on window.b2b, beside what index.js set at start. */
const mount = () => {
  const listeners: (() => void)[] = []
  globals.b2b = {
    initializationEnvironment: {},
    callbacks: { addEventListener: (event: string, cb: () => void) => event === 'on-logout' && listeners.push(cb) },
  }
  return listeners
}

afterEach(() => {
  delete globals.b2b
  delete globals.B3
  vi.useRealTimers()
})

describe("the Portal's on-logout is followed from the entry, warm pages included", () => {
  it('listens once the Portal has mounted, looking again every 250 ms while only window.B3 (and its start-up window.b2b) is there', async () => {
    vi.useFakeTimers()
    installScript()
    globals.b2b = { initializationEnvironment: {} }
    const onLogout = vi.fn()
    followPortal(onLogout)
    await vi.advanceTimersByTimeAsync(5000)
    const listeners = mount()
    await vi.advanceTimersByTimeAsync(1000)
    expect(listeners).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(listeners).toHaveLength(1)
    listeners[0]!()
    expect(onLogout).toHaveBeenCalledTimes(1)
  })

  it('a page without the install script never looks; a Portal that never mounts is looked for 120 times (30 s), then no more', async () => {
    vi.useFakeTimers()
    const timers = vi.spyOn(globalThis, 'setTimeout')
    followPortal(vi.fn())
    expect(timers).not.toHaveBeenCalled()
    installScript()
    followPortal(vi.fn())
    await vi.advanceTimersByTimeAsync(120_000)
    expect(timers).toHaveBeenCalledTimes(120)
    expect(vi.getTimerCount()).toBe(0)
  })
})
