import { describe, expect, it } from 'vitest'
import { announcement, badgeState, summary } from '../../../src/badge/state'
import { IDLE, NOW, READY } from './fake-api'

describe('the badge state, from the engine status', () => {
  it.each([
    [{ state: 'guest' }, 'guest'],
    [{ state: 'idle' }, 'checking'],
    [{ state: 'loading', refreshing: true }, 'checking'],
    [{ state: 'ready' }, 'active'],
    [{ state: 'ready', refreshing: true }, 'refreshing'],
    [{ state: 'error' }, 'error'],
  ] as const)('%o is %s', (patch, expected) => {
    expect(badgeState({ ...READY, ...patch })).toBe(expected)
  })
})

describe('the line', () => {
  it('for a token: the customer, the channel and the time left', () => {
    expect(summary(READY, NOW + 1000)).toBe('active · customer 1 · channel 1 · expires in 24h 00m')
    expect(summary(READY, NOW + 1000, {}, true)).toBe('customer 1 · 24h 00m')
    expect(summary({ ...READY, refreshing: true }, NOW)).toBe('refreshing · customer 1 · channel 1')
  })

  it('otherwise the state, and for an error its code', () => {
    expect(summary({ ...IDLE, state: 'guest' }, NOW)).toBe('guest')
    expect(summary({ ...IDLE, state: 'loading' }, NOW)).toBe('checking…')
    expect(summary(IDLE, NOW)).toBe('no token yet')
    expect(summary({ ...IDLE, state: 'error', error: { code: 'http', message: 'HTTP 500' } }, NOW)).toBe('error · http')
  })

  it('the live region says the state and storage, never the ticking countdown', () => {
    expect(announcement(READY)).toBe('B2B auth: active · customer 1 · channel 1')
    expect(announcement({ ...READY, storage: 'memory' })).toBe('B2B auth: active · customer 1 · channel 1 · memory only')
  })
})
