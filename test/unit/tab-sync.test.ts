import { describe, expect, it, vi } from 'vitest'
import { createTabSync, type TabMessage } from '../../src/tab-sync'

describe('createTabSync', () => {
  it('delivers one tab\'s messages to the others, not to itself', async () => {
    const seenByA: TabMessage[] = []
    const seenByB: TabMessage[] = []
    const a = createTabSync((m) => seenByA.push(m))
    createTabSync((m) => seenByB.push(m))
    a.post({ type: 'minted', customerId: '7', storeHash: 'abc123', channelId: 1 })
    await vi.waitFor(() => expect(seenByB).toEqual([{ type: 'minted', customerId: '7', storeHash: 'abc123', channelId: 1 }]))
    expect(seenByA).toEqual([])
  })

  it('does nothing where BroadcastChannel is missing', () => {
    vi.stubGlobal('BroadcastChannel', undefined)
    expect(() => createTabSync(() => {}).post({ type: 'cleared' })).not.toThrow()
  })
})
