import { describe, expect, it, vi } from 'vitest'
import { createTabSync } from '../../../src/entry/tab-sync'
import { readTabMessage } from '../../../src/flow/tab-message'

describe('createTabSync', () => {
  it("delivers one tab's messages to the others, not to itself", async () => {
    const seenByA: unknown[] = []
    const seenByB: unknown[] = []
    const a = createTabSync((m) => seenByA.push(m))
    createTabSync((m) => seenByB.push(m))
    a.post({ type: 'minted', customerId: '7', storeHash: 'abc123', channelId: 1 })
    await vi.waitFor(() => expect(seenByB).toEqual([{ type: 'minted', customerId: '7', storeHash: 'abc123', channelId: 1 }]))
    expect(seenByA).toEqual([])
  })

  it('does nothing where BroadcastChannel is missing, or its constructor throws', () => {
    vi.stubGlobal('BroadcastChannel', undefined)
    expect(() => createTabSync(() => {}).post({ type: 'cleared' })).not.toThrow()
    vi.stubGlobal('BroadcastChannel', function () {
      throw new DOMException('denied', 'SecurityError')
    })
    expect(() => createTabSync(() => {}).post({ type: 'cleared' })).not.toThrow()
  })
})

describe('readTabMessage', () => {
  it('takes a message field by field, own fields only', () => {
    expect(readTabMessage({ type: 'cleared', extra: 1 })).toEqual({ type: 'cleared' })
    expect(readTabMessage({ type: 'minted', customerId: '7', storeHash: 's', channelId: 1 })).toEqual({
      type: 'minted',
      customerId: '7',
      storeHash: 's',
      channelId: 1,
    })
    const proto = Object.prototype as Record<string, unknown>
    proto.customerId = '43'
    try {
      expect(readTabMessage({ type: 'minted', storeHash: 's', channelId: 1 })).toBeUndefined()
    } finally {
      delete proto.customerId
    }
  })

  it.each([null, 'cleared', { type: 'minted', customerId: 7, storeHash: 's', channelId: 1 }, { type: 'other' }])(
    'ignores anything else: %j',
    (data) => expect(readTabMessage(data)).toBeUndefined(),
  )
})
