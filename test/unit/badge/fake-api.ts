import { vi } from 'vitest'
import type { B2BAuthApi } from '../../../src/api'
import { isB2BAuthError } from '../../../src/core/errors'
import type { B2BAuthStatus } from '../../../src/core/contract'

/** A token as the badge would meet it: the tests check that this text never reaches the DOM. */
export const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJiY19jdXN0b21lcl9pZCI6MX0.c2VjcmV0LXRva2VuLXRleHQ'

export const NOW = Date.parse('2026-06-01T12:00:00Z')

export const READY: B2BAuthStatus = Object.freeze({
  state: 'ready',
  refreshing: false,
  customerId: '1',
  storeHash: 'abc123',
  channelId: 1,
  obtainedAt: NOW,
  expiresAt: NOW + 86_400_000,
  fingerprint: '1x2y3z/73',
  storage: 'indexeddb',
  error: null,
})

export const IDLE: B2BAuthStatus = Object.freeze({
  ...READY,
  state: 'idle',
  customerId: null,
  storeHash: null,
  obtainedAt: null,
  expiresAt: null,
  fingerprint: null,
})

/**
 * The badge's whole boundary is the public API (window.b2bAuth), so a small fake of it: a status
 * the test sets, listeners it tells, and spies for what the badge calls.
 */
export function fakeApi(initial: Partial<B2BAuthStatus> = {}) {
  let status: B2BAuthStatus = { ...READY, ...initial }
  const listeners = new Set<(status: B2BAuthStatus) => void>()
  const api = {
    getB2BStatus: () => status,
    onB2BTokenChange: vi.fn((listener: (status: B2BAuthStatus) => void) => {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    }),
    getB2BToken: vi.fn(async (_options?: { forceRefresh?: boolean }) => (status.state === 'guest' ? null : TOKEN)),
    clearB2BToken: vi.fn(async () => {}),
    b2bGraphQL: vi.fn(async (_query: string, _variables?: Record<string, unknown>): Promise<unknown> => ({})),
    isB2BAuthError,
  }
  return {
    api: api as unknown as B2BAuthApi,
    spies: api,
    listeners,
    /** A new status, published as the engine would. */
    publish(patch: Partial<B2BAuthStatus>) {
      status = Object.freeze({ ...status, ...patch })
      for (const listener of listeners) listener(status)
    },
  }
}
