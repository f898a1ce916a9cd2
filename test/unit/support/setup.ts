import { IDBFactory } from 'fake-indexeddb'
import { afterEach, beforeEach, vi } from 'vitest'

let run = 0

beforeEach(() => {
  // A fresh, empty IndexedDB for every test: the engine must never see another test's tokens.
  globalThis.indexedDB = new IDBFactory()
  // The failure cooldown lives in localStorage, shared like tabs share it.
  localStorage.clear()
  // Engines of earlier tests still listen on their BroadcastChannel: give each test its own bus,
  // so "other tabs" are only the engines a test makes itself.
  const Native = globalThis.BroadcastChannel
  const bus = ++run
  vi.stubGlobal(
    'BroadcastChannel',
    class extends Native {
      constructor(name: string) {
        super(`${name}#${bus}`)
        ;(this as unknown as { unref?: () => void }).unref?.()
      }
    },
  )
})

// Each test is a fresh page: window listeners an engine added (online, pageshow, …) go with it,
// so an earlier test's engine never answers a later test's events.
const added: [string, EventListenerOrEventListenerObject][] = []
const nativeAdd = window.addEventListener.bind(window)
window.addEventListener = ((type: string, listener: EventListenerOrEventListenerObject, options?: AddEventListenerOptions) => {
  added.push([type, listener])
  nativeAdd(type, listener, options)
}) as typeof window.addEventListener
afterEach(() => {
  for (const [type, listener] of added.splice(0)) window.removeEventListener(type, listener)
})

// happy-dom leaves empty data-* attributes out of `dataset` (data-customer-id="" is a guest page):
// browsers keep them, as the DOM standard says. The same map, built from the attributes.
Object.defineProperty(HTMLElement.prototype, 'dataset', {
  configurable: true,
  get(this: HTMLElement) {
    const map: Record<string, string> = {}
    for (const { name, value } of this.attributes) {
      if (name.startsWith('data-')) map[name.slice(5).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())] = value
    }
    return map
  },
})
